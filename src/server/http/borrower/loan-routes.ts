import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { getApplication, listApplications } from '../../services/application-view';
import type { Deps } from '../../services/deps';
import { listProducts, toProductView } from '../../services/loan-products';
import { quoteLoan } from '../../services/quote-loan';
import { submitApplication } from '../../services/submit-application';
import { isFirstLoan } from '../../services/first-loan';
import { cancelApplication } from '../../services/cancel-application';
import { requestSignatureCode } from '../../services/request-signature-code';
import { signContract } from '../../services/sign-contract';
import { contractPdfRoute } from './contract-pdf-route';
import { route } from '../route';

const borrower = { auth: true } as const;
const open = { auth: false } as const;

export function loanRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.products, open, async () => (await listProducts(deps.db)).map(toProductView));
  // A visitor is priced as a newcomer; a signed-in borrower by their own history.
  route(app, deps, api.quote, open, ({ body }) => quoteLoan(deps, body, true));
  route(app, deps, api.myQuote, borrower, async ({ body, session }) =>
    quoteLoan(deps, body, await isFirstLoan(deps.db, session.borrowerId)),
  );
  route(app, deps, api.submitApplication, borrower, ({ body, session, meta }) =>
    submitApplication(deps, session.borrowerId, body, meta),
  );
  route(app, deps, api.applications, borrower, ({ session }) =>
    listApplications(deps.db, session.borrowerId),
  );
  route(app, deps, api.application, borrower, ({ session, params }) =>
    getApplication(deps.db, session.borrowerId, params.id),
  );
  route(app, deps, api.signatureCode, borrower, ({ session, params, meta }) =>
    requestSignatureCode(deps, session.borrowerId, params.id, meta),
  );
  // The payout itself is sent by the payout worker (main.ts), from the queue row written with the signature.
  route(app, deps, api.sign, borrower, ({ session, params, body, meta }) =>
    signContract(deps, session.borrowerId, params.id, body.code, meta),
  );
  route(app, deps, api.cancelApplication, borrower, ({ session, params, meta }) =>
    cancelApplication(deps, session.borrowerId, params.id, meta),
  );
  contractPdfRoute(app, deps);
}
