import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import type { Deps } from '../../deps';
import { quoteEarlyRepayment } from '../../modules/servicing/quote-early-repayment';
import { getLoan, listLoans } from '../../modules/servicing/loan-view';
import {
  getMessageSettings,
  listMessages,
  markMessagesRead,
  saveMessageSettings,
} from '../../modules/messaging/notify-borrower';
import { getPayment } from '../../modules/payments/get-payment';
import { startPayment } from '../../modules/payments/start-payment';
import {
  quoteProlongation,
  requestProlongation,
  signProlongation,
} from '../../modules/servicing/prolong-loan';
import { refundOverpayment } from '../../modules/payments/refund-overpayment';
import {
  addendumPdf,
  paymentReceiptPdf,
  repaymentCertificatePdf,
} from '../../modules/servicing/servicing-documents';
import { route } from '../route';
import { pdfRoute } from './pdf-route';

const borrower = { auth: true } as const;

export function servicingRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.loans, borrower, ({ session }) => listLoans(deps, session.borrowerId));
  route(app, deps, api.loan, borrower, ({ session, params }) => getLoan(deps, session.borrowerId, params.id));
  route(app, deps, api.createPayment, borrower, ({ session, params, body, meta }) =>
    startPayment(deps, { borrowerId: session.borrowerId, loanId: params.id, body, meta }),
  );
  route(app, deps, api.payment, borrower, ({ session, params }) =>
    getPayment(deps, { borrowerId: session.borrowerId, loanId: params.id, paymentId: params.childId }),
  );
  route(app, deps, api.earlyRepaymentQuote, borrower, ({ session, params, body }) =>
    quoteEarlyRepayment(deps, session.borrowerId, params.id, body.amount),
  );
  route(app, deps, api.prolongationQuote, borrower, ({ session, params, body }) =>
    quoteProlongation(deps, session.borrowerId, params.id, body.days),
  );
  route(app, deps, api.requestProlongation, borrower, ({ session, params, body, meta }) =>
    requestProlongation(deps, session.borrowerId, params.id, body.days, meta),
  );
  route(app, deps, api.signProlongation, borrower, ({ session, params, body, meta }) =>
    signProlongation(deps, session.borrowerId, params.id, params.childId, body.code, meta),
  );
  route(app, deps, api.refundOverpayment, borrower, async ({ session, params, meta }) => {
    await refundOverpayment(deps, { borrowerId: session.borrowerId, loanId: params.id, meta });
    return getLoan(deps, session.borrowerId, params.id);
  });
  route(app, deps, api.notifications, borrower, ({ session }) => listMessages(deps.db, session.borrowerId));
  route(app, deps, api.readNotifications, borrower, async ({ session }) => {
    await markMessagesRead(deps.db, session.borrowerId, deps.clock.now());
    return { ok: true as const };
  });
  route(app, deps, api.notificationSettings, borrower, ({ session }) =>
    getMessageSettings(deps.db, session.borrowerId),
  );
  route(app, deps, api.updateNotificationSettings, borrower, ({ session, body }) =>
    saveMessageSettings(deps.db, session.borrowerId, body.sms, deps.clock.now()),
  );
  pdfRoute(app, deps, {
    path: '/api/me/loans/:id/certificate',
    summary: 'Справка о погашении (PDF)',
    notFound: 'LOAN_NOT_CLOSED',
    load: (borrowerId, id) => repaymentCertificatePdf(deps, borrowerId, id),
  });
  pdfRoute(app, deps, {
    path: '/api/me/payments/:id/receipt',
    summary: 'Квитанция об оплате (PDF)',
    notFound: 'PAYMENT_NOT_FOUND',
    load: (borrowerId, id) => paymentReceiptPdf(deps, borrowerId, id),
  });
  pdfRoute(app, deps, {
    path: '/api/me/prolongations/:id/pdf',
    summary: 'Допсоглашение о пролонгации (PDF)',
    notFound: 'PROLONGATION_NOT_FOUND',
    load: (borrowerId, id) => addendumPdf(deps, borrowerId, id),
  });
}
