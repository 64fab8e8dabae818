import type { FastifyInstance } from 'fastify';
import { settingsApi } from '../../../contracts/backoffice-settings';
import type { Deps } from '../../deps';
import { showMaintenance, switchMaintenance } from '../../modules/backoffice/settings/maintenance';
import { route } from '../route';

const settings = { audience: 'staff', permission: 'settings.manage' } as const;

/** Site and product settings of the back office: maintenance, products (maker-checker), legal data. */
export function settingsRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, settingsApi.maintenance, settings, () => showMaintenance(deps));
  route(app, deps, settingsApi.switchMaintenance, settings, ({ actor, body, meta }) =>
    switchMaintenance(deps, { actor, input: body, meta }),
  );
}
