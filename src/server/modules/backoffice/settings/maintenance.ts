import type { MaintenanceSwitch, MaintenanceView } from '../../../../contracts/backoffice-settings';
import type { StaffActor } from '../../../actor';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { getStaff } from '../staff-repository';
import { readMaintenance, writeMaintenance } from './maintenance-repository';

/**
 * The maintenance switch as the back office shows it: the stored row (with the name of who changed it), whether
 * MAINTENANCE_MODE holds the whole site closed, and what borrowers see now.
 */
export async function showMaintenance(deps: Deps): Promise<MaintenanceView> {
  const row = await readMaintenance(deps.db);
  const now = deps.maintenance.current();
  const changedBy = row?.changedBy ? (await getStaff(deps.db, row.changedBy)).displayName : null;
  return {
    setting: row
      ? {
          enabled: row.enabled,
          scope: row.scope,
          message: row.message,
          startsAt: row.startsAt?.toISOString() ?? null,
          plannedEnd: row.plannedEnd?.toISOString() ?? null,
          changedBy,
          changedAt: row.changedAt.toISOString(),
        }
      : null,
    floor: deps.config.maintenance.enabled,
    active: now.active,
    activeScope: now.scope,
  };
}

/**
 * Switches maintenance on or off (permission settings.manage), audited as `backoffice.maintenance.switched` in the
 * same transaction; every instance follows within seconds (NOTIFY or polling), this one at once. Throws
 * VALIDATION_FAILED when the planned end is not after the start (or now), or is given for a switch-off.
 */
export async function switchMaintenance(
  deps: Deps,
  { actor, input, meta }: { actor: StaffActor; input: MaintenanceSwitch; meta: RequestMeta },
): Promise<MaintenanceView> {
  const now = deps.clock.now();
  const startsAt = input.startsAt ? new Date(input.startsAt) : null;
  const plannedEnd = input.plannedEnd ? new Date(input.plannedEnd) : null;
  if (plannedEnd && plannedEnd.getTime() <= Math.max(now.getTime(), startsAt?.getTime() ?? 0))
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'plannedEnd', message: 'Окончание должно быть позже начала и текущего момента' }],
    });
  const setting = {
    enabled: input.enabled,
    scope: input.scope,
    message: input.message || null,
    startsAt: input.enabled ? startsAt : null,
    plannedEnd: input.enabled ? plannedEnd : null,
  };
  await deps.db.transaction(async (tx) => {
    await writeMaintenance(tx, { ...setting, changedBy: actor.staffId, changedAt: now });
    await audit(tx, {
      actor,
      action: 'backoffice.maintenance.switched',
      details: {
        ...setting,
        startsAt: setting.startsAt?.toISOString() ?? null,
        plannedEnd: setting.plannedEnd?.toISOString() ?? null,
      },
      meta,
    });
  });
  await deps.maintenance.refresh();
  return showMaintenance(deps);
}
