import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { loadBorrower, toMe } from '../../modules/identity/borrower-view';
import { changePassport, listPassportHistory } from '../../modules/identity/change-passport';
import type { Deps } from '../../deps';
import { endOtherSessions, endSession, listSessions } from '../../modules/identity/manage-sessions';
import { route } from '../route';

const borrower = { auth: true } as const;

/** Everything here acts on the signed-in borrower only: ids come from the session, never from the request. */
export function profileRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.me, borrower, async ({ session }) =>
    toMe(deps.cipher, await loadBorrower(deps.db, session.borrowerId)),
  );
  route(app, deps, api.changePassport, borrower, ({ session, body, meta }) =>
    changePassport(deps, session.borrowerId, body, meta),
  );
  route(app, deps, api.passportHistory, borrower, ({ session }) =>
    listPassportHistory(deps, session.borrowerId),
  );
  route(app, deps, api.sessions, borrower, ({ session }) => listSessions(deps, session));
  route(app, deps, api.endSession, borrower, ({ session, params, meta }) =>
    endSession(deps, session, params.id, meta),
  );
  route(app, deps, api.endOtherSessions, borrower, ({ session, meta }) =>
    endOtherSessions(deps, session, meta),
  );
}
