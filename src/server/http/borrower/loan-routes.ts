import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { getApplication } from '../../modules/lending/get-application';
import { listApplications } from '../../modules/lending/list-applications';
import type { Deps } from '../../deps';
import { listProducts } from '../../modules/lending/loan-products';
import { quoteLoan } from '../../modules/lending/quote-loan';
import { applicableOffer } from '../../modules/engagement/applicable-offer';
import { submitApplication } from '../../modules/lending/submit-application';
import { isFirstLoan } from '../../modules/lending/first-loan';
import { checkEligibility } from '../../modules/lending/check-eligibility';
import { cancelApplication } from '../../modules/lending/cancel-application';
import { requestSignatureCode } from '../../modules/lending/request-signature-code';
import { signContract } from '../../modules/lending/sign-contract';
import { contractPdfRoute } from './contract-pdf-route';
import { route } from '../route';

const borrower = { audience: 'borrower' } as const;
const open = { audience: 'public' } as const;

export function loanRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.products, open, () => listProducts(deps));
  // A visitor is priced as a newcomer; a signed-in borrower by their own history.
  route(app, deps, api.quote, open, ({ body }) => quoteLoan(deps, { ...body, firstLoan: true }));
  route(app, deps, api.myQuote, borrower, async ({ body, actor }) =>
    quoteLoan(deps, {
      ...body,
      firstLoan: await isFirstLoan(deps, { borrowerId: actor.borrowerId }),
      offer: await applicableOffer(deps, { borrowerId: actor.borrowerId }),
    }),
  );
  route(app, deps, api.eligibility, borrower, ({ actor }) =>
    checkEligibility(deps, { borrowerId: actor.borrowerId }),
  );
  route(
    app,
    deps,
    api.submitApplication,
    { ...borrower, maintenanceScope: 'applications' },
    ({ body, actor, meta }) => submitApplication(deps, { borrowerId: actor.borrowerId, input: body, meta }),
  );
  route(app, deps, api.applications, borrower, ({ actor }) =>
    listApplications(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, api.application, borrower, ({ actor, params }) =>
    getApplication(deps, { borrowerId: actor.borrowerId, applicationId: params.id }),
  );
  route(app, deps, api.signatureCode, borrower, ({ actor, params, meta }) =>
    requestSignatureCode(deps, { borrowerId: actor.borrowerId, applicationId: params.id, meta }),
  );
  // The payout itself is sent by the payout worker (main.ts), from the queue row written with the signature.
  route(app, deps, api.sign, borrower, ({ actor, params, body, meta }) =>
    signContract(deps, { borrowerId: actor.borrowerId, applicationId: params.id, code: body.code, meta }),
  );
  route(app, deps, api.cancelApplication, borrower, ({ actor, params, meta }) =>
    cancelApplication(deps, { borrowerId: actor.borrowerId, applicationId: params.id, meta }),
  );
  contractPdfRoute(app, deps);
}
