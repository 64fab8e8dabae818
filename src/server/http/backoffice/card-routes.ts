import type { FastifyInstance } from 'fastify';
import { cardApi } from '../../../contracts/backoffice-work';
import type { Deps } from '../../deps';
import {
  endBorrowerSessions,
  resendContract,
  revealPassport,
  searchBorrowers,
  showBorrowerCard,
} from '../../modules/backoffice/card/borrower-card';
import { sendLetter } from '../../modules/backoffice/card/send-letter';
import { route } from '../route';

/** The borrower search and card of the back office: every read and act is audited in the use case. */
export function cardRoutes(app: FastifyInstance, deps: Deps) {
  const read = { audience: 'staff', permission: 'borrowers.read' } as const;
  route(app, deps, cardApi.searchBorrowers, read, ({ actor, body, meta }) =>
    searchBorrowers(deps, { actor, query: body, meta }),
  );
  route(app, deps, cardApi.borrowerCard, read, ({ actor, params, meta }) =>
    showBorrowerCard(deps, { actor, borrowerId: params.id, meta }),
  );
  route(
    app,
    deps,
    cardApi.revealPassport,
    { audience: 'staff', permission: 'borrowers.reveal' },
    ({ actor, params, body, meta }) =>
      revealPassport(deps, { actor, borrowerId: params.id, reason: body.reason, meta }),
  );
  route(app, deps, cardApi.endBorrowerSessions, read, ({ actor, params, body, meta }) =>
    endBorrowerSessions(deps, { actor, borrowerId: params.id, reason: body.reason, meta }),
  );
  route(app, deps, cardApi.resendContract, read, async ({ actor, params, meta }) => {
    await resendContract(deps, { actor, borrowerId: params.id, contractId: params.contractId, meta });
    return { ok: true as const };
  });
  route(app, deps, cardApi.sendLetter, read, ({ actor, params, body, meta }) =>
    sendLetter(deps, { actor, borrowerId: params.id, letter: body, meta }),
  );
}
