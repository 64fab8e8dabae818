import type { FastifyInstance } from 'fastify';
import { settingsApi } from '../../../contracts/backoffice-settings';
import type { Deps } from '../../deps';
import { showMaintenance, switchMaintenance } from '../../modules/backoffice/settings/maintenance';
import {
  decideProductChange,
  listProductSettings,
  proposeProductChange,
} from '../../modules/backoffice/settings/products';
import {
  enterCalendarYear,
  enterPskAverage,
  legalOnDate,
  listPskCeilings,
  showCalendarYear,
} from '../../modules/backoffice/settings/legal-data';
import { route } from '../route';

const settings = { audience: 'staff', permission: 'settings.manage' } as const;
const anyStaff = { audience: 'staff', permission: 'backoffice.enter' } as const;

/** Site and product settings of the back office: maintenance, products (maker-checker), legal data. */
export function settingsRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, settingsApi.maintenance, settings, () => showMaintenance(deps));
  route(app, deps, settingsApi.switchMaintenance, settings, ({ actor, body, meta }) =>
    switchMaintenance(deps, { actor, input: body, meta }),
  );

  route(app, deps, settingsApi.products, anyStaff, () => listProductSettings(deps));
  route(
    app,
    deps,
    settingsApi.proposeProductChange,
    { audience: 'staff', permission: 'products.manage' },
    ({ actor, body, meta }) => proposeProductChange(deps, { actor, input: body, meta }),
  );
  for (const [endpoint, approve] of [
    [settingsApi.approveProductChange, true],
    [settingsApi.rejectProductChange, false],
  ] as const)
    route(
      app,
      deps,
      endpoint,
      { audience: 'staff', permission: 'products.approve' },
      ({ actor, params, meta }) => decideProductChange(deps, { actor, versionId: params.id, approve, meta }),
    );

  route(app, deps, settingsApi.pskCeilings, settings, () => listPskCeilings(deps));
  route(app, deps, settingsApi.enterPskAverage, settings, ({ actor, body, meta }) =>
    enterPskAverage(deps, { actor, input: body, meta }),
  );
  route(app, deps, settingsApi.calendarYear, settings, ({ params }) => showCalendarYear(deps, params.year));
  route(app, deps, settingsApi.replaceCalendarYear, settings, ({ actor, params, body, meta }) =>
    enterCalendarYear(deps, { actor, year: params.year, input: body, meta }),
  );
  route(app, deps, settingsApi.legalOnDate, settings, ({ params }) => legalOnDate(deps, params.date));
}
