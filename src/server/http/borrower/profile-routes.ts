import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { changePassport } from '../../modules/identity/change-passport';
import type { Deps } from '../../deps';
import { endOtherSessions } from '../../modules/identity/end-other-sessions';
import { endSession } from '../../modules/identity/end-session';
import { listPassportHistory } from '../../modules/identity/list-passport-history';
import { listSessions } from '../../modules/identity/list-sessions';
import { requestPassportChange } from '../../modules/identity/request-passport-change';
import { showProfile } from '../../modules/identity/show-profile';
import { route } from '../route';

const borrower = { audience: 'borrower' } as const;

/** Everything here acts on the signed-in borrower only: ids come from the session, never from the request. */
export function profileRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.me, borrower, ({ actor }) => showProfile(deps, { borrowerId: actor.borrowerId }));
  route(app, deps, api.passportChangeCode, borrower, ({ actor, body, meta }) =>
    requestPassportChange(deps, {
      borrowerId: actor.borrowerId,
      passport: body.passport,
      newName: body.newName ?? null,
      meta,
    }),
  );
  route(app, deps, api.changePassport, borrower, ({ actor, body, meta }) =>
    changePassport(deps, { borrowerId: actor.borrowerId, ...body, newName: body.newName ?? null, meta }),
  );
  route(app, deps, api.passportHistory, borrower, ({ actor }) =>
    listPassportHistory(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, api.sessions, borrower, ({ actor }) =>
    listSessions(deps, { borrowerId: actor.borrowerId, currentSessionId: actor.sessionId }),
  );
  route(app, deps, api.endSession, borrower, ({ actor, params, meta }) =>
    endSession(deps, { borrowerId: actor.borrowerId, sessionId: params.id, meta }),
  );
  route(app, deps, api.endOtherSessions, borrower, ({ actor, meta }) =>
    endOtherSessions(deps, { borrowerId: actor.borrowerId, currentSessionId: actor.sessionId, meta }),
  );
}
