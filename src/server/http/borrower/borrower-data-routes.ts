import type { FastifyInstance } from 'fastify';
import { dataApi } from '../../../contracts';
import type { Deps } from '../../deps';
import { saveAddresses } from '../../modules/borrower-data/save-addresses';
import { showPersonalData } from '../../modules/borrower-data/show-personal-data';
import { suggestAddress } from '../../modules/borrower-data/suggest-address';
import { route } from '../route';

const borrower = { audience: 'borrower' } as const;

/** The borrower's own data (addresses, place of birth): ids come from the session, never from the request. */
export function borrowerDataRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, dataApi.addressSuggestions, borrower, ({ body }) => suggestAddress(deps, body));
  route(app, deps, dataApi.personalData, borrower, ({ actor }) =>
    showPersonalData(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, dataApi.saveAddresses, borrower, ({ actor, body, meta }) =>
    saveAddresses(deps, { borrowerId: actor.borrowerId, update: body, meta }),
  );
}
