import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { changePassport } from '../../modules/identity/change-passport';
import type { Deps } from '../../deps';
import { endOtherSessions } from '../../modules/identity/end-other-sessions';
import { endSession } from '../../modules/identity/end-session';
import { listPassportHistory } from '../../modules/identity/list-passport-history';
import { listSessions } from '../../modules/identity/list-sessions';
import { showProfile } from '../../modules/identity/show-profile';
import { route } from '../route';

const borrower = { auth: true } as const;

/** Everything here acts on the signed-in borrower only: ids come from the session, never from the request. */
export function profileRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.me, borrower, ({ session }) => showProfile(deps, { borrowerId: session.borrowerId }));
  route(app, deps, api.changePassport, borrower, ({ session, body, meta }) =>
    changePassport(deps, { borrowerId: session.borrowerId, passport: body, meta }),
  );
  route(app, deps, api.passportHistory, borrower, ({ session }) =>
    listPassportHistory(deps, { borrowerId: session.borrowerId }),
  );
  route(app, deps, api.sessions, borrower, ({ session }) =>
    listSessions(deps, { borrowerId: session.borrowerId, currentSessionId: session.sessionId }),
  );
  route(app, deps, api.endSession, borrower, ({ session, params, meta }) =>
    endSession(deps, { borrowerId: session.borrowerId, sessionId: params.id, meta }),
  );
  route(app, deps, api.endOtherSessions, borrower, ({ session, meta }) =>
    endOtherSessions(deps, { borrowerId: session.borrowerId, currentSessionId: session.sessionId, meta }),
  );
}
