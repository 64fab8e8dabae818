import type { FastifyInstance } from 'fastify';
import { engagementApi } from '../../../contracts/engagement';
import type { Deps } from '../../deps';
import { showBonuses } from '../../modules/engagement/show-bonuses';
import { route } from '../route';

const borrower = { audience: 'borrower' } as const;

/** Bonuses, raffles and offers of the signed-in borrower: ids come from the session, never from the request. */
export function engagementRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, engagementApi.bonuses, borrower, ({ actor }) =>
    showBonuses(deps, { borrowerId: actor.borrowerId }),
  );
}
