import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import type { Deps } from '../../deps';
import { quoteEarlyRepayment } from '../../modules/servicing/quote-early-repayment';
import { getLoan } from '../../modules/servicing/get-loan';
import { listLoans } from '../../modules/servicing/list-loans';
import { listMessages, markMessagesRead } from '../../modules/messaging/list-messages';
import { getMessageSettings, saveMessageSettings } from '../../modules/messaging/message-settings';
import { getPayment } from '../../modules/payments/get-payment';
import { startPayment } from '../../modules/payments/start-payment';
import { quoteProlongation } from '../../modules/servicing/quote-prolongation';
import { requestProlongation } from '../../modules/servicing/request-prolongation';
import { signProlongation } from '../../modules/servicing/sign-prolongation';
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
  route(app, deps, api.loans, borrower, ({ session }) => listLoans(deps, { borrowerId: session.borrowerId }));
  route(app, deps, api.loan, borrower, ({ session, params }) =>
    getLoan(deps, { borrowerId: session.borrowerId, loanId: params.id }),
  );
  route(app, deps, api.createPayment, borrower, ({ session, params, body, meta }) =>
    startPayment(deps, { borrowerId: session.borrowerId, loanId: params.id, body, meta }),
  );
  route(app, deps, api.payment, borrower, ({ session, params }) =>
    getPayment(deps, { borrowerId: session.borrowerId, loanId: params.id, paymentId: params.childId }),
  );
  route(app, deps, api.earlyRepaymentQuote, borrower, ({ session, params, body }) =>
    quoteEarlyRepayment(deps, { borrowerId: session.borrowerId, loanId: params.id, amount: body.amount }),
  );
  route(app, deps, api.prolongationQuote, borrower, ({ session, params, body }) =>
    quoteProlongation(deps, { borrowerId: session.borrowerId, loanId: params.id, days: body.days }),
  );
  route(app, deps, api.requestProlongation, borrower, ({ session, params, body, meta }) =>
    requestProlongation(deps, { borrowerId: session.borrowerId, loanId: params.id, days: body.days, meta }),
  );
  route(app, deps, api.signProlongation, borrower, ({ session, params, body, meta }) =>
    signProlongation(deps, {
      borrowerId: session.borrowerId,
      loanId: params.id,
      prolongationId: params.childId,
      code: body.code,
      meta,
    }),
  );
  route(app, deps, api.refundOverpayment, borrower, async ({ session, params, meta }) => {
    await refundOverpayment(deps, { borrowerId: session.borrowerId, loanId: params.id, meta });
    return getLoan(deps, { borrowerId: session.borrowerId, loanId: params.id });
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
    load: (borrowerId, id) => repaymentCertificatePdf(deps, { borrowerId, loanId: id }),
  });
  pdfRoute(app, deps, {
    path: '/api/me/payments/:id/receipt',
    summary: 'Квитанция об оплате (PDF)',
    notFound: 'PAYMENT_NOT_FOUND',
    load: (borrowerId, id) => paymentReceiptPdf(deps, { borrowerId, paymentId: id }),
  });
  pdfRoute(app, deps, {
    path: '/api/me/prolongations/:id/pdf',
    summary: 'Допсоглашение о пролонгации (PDF)',
    notFound: 'PROLONGATION_NOT_FOUND',
    load: (borrowerId, id) => addendumPdf(deps, { borrowerId, prolongationId: id }),
  });
}
