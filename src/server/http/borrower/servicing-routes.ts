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

const borrower = { audience: 'borrower' } as const;

export function servicingRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.loans, borrower, ({ actor }) => listLoans(deps, { borrowerId: actor.borrowerId }));
  route(app, deps, api.loan, borrower, ({ actor, params }) =>
    getLoan(deps, { borrowerId: actor.borrowerId, loanId: params.id }),
  );
  route(
    app,
    deps,
    api.createPayment,
    { ...borrower, maintenanceScope: 'payments' },
    ({ actor, params, body, meta }) =>
      startPayment(deps, { borrowerId: actor.borrowerId, loanId: params.id, body, meta }),
  );
  route(app, deps, api.payment, borrower, ({ actor, params }) =>
    getPayment(deps, { borrowerId: actor.borrowerId, loanId: params.id, paymentId: params.childId }),
  );
  route(app, deps, api.earlyRepaymentQuote, borrower, ({ actor, params, body }) =>
    quoteEarlyRepayment(deps, { borrowerId: actor.borrowerId, loanId: params.id, amount: body.amount }),
  );
  route(app, deps, api.prolongationQuote, borrower, ({ actor, params, body }) =>
    quoteProlongation(deps, { borrowerId: actor.borrowerId, loanId: params.id, days: body.days }),
  );
  route(app, deps, api.requestProlongation, borrower, ({ actor, params, body, meta }) =>
    requestProlongation(deps, { borrowerId: actor.borrowerId, loanId: params.id, days: body.days, meta }),
  );
  route(app, deps, api.signProlongation, borrower, ({ actor, params, body, meta }) =>
    signProlongation(deps, {
      borrowerId: actor.borrowerId,
      loanId: params.id,
      prolongationId: params.childId,
      code: body.code,
      meta,
    }),
  );
  route(app, deps, api.refundOverpayment, borrower, async ({ actor, params, meta }) => {
    await refundOverpayment(deps, { borrowerId: actor.borrowerId, loanId: params.id, meta });
    return getLoan(deps, { borrowerId: actor.borrowerId, loanId: params.id });
  });
  route(app, deps, api.notifications, borrower, ({ actor }) => listMessages(deps.db, actor.borrowerId));
  route(app, deps, api.readNotifications, borrower, async ({ actor }) => {
    await markMessagesRead(deps.db, actor.borrowerId, deps.clock.now());
    return { ok: true as const };
  });
  route(app, deps, api.notificationSettings, borrower, ({ actor }) =>
    getMessageSettings(deps.db, actor.borrowerId),
  );
  route(app, deps, api.updateNotificationSettings, borrower, ({ actor, body }) =>
    saveMessageSettings(deps.db, actor.borrowerId, body.sms, deps.clock.now()),
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
