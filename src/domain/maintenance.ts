/**
 * Site maintenance, as a pure rule: which requests a maintenance switch closes, and what the borrower is told.
 * The switch lives in the back office (a settings row); the MAINTENANCE_MODE variable is a floor above it.
 */

/** What maintenance closes: the whole borrower site, only new applications, or only payments. */
export type MaintenanceScope = 'all' | 'applications' | 'payments';

/** The switch as stored: `startsAt` null means «from now»; instants are Dates. */
export type MaintenanceSetting = {
  enabled: boolean;
  scope: MaintenanceScope;
  message: string | null;
  startsAt: Date | null;
  plannedEnd: Date | null;
};

/** The floor from the environment (MAINTENANCE_MODE, MAINTENANCE_MESSAGE): when on, the whole site is closed. */
export type MaintenanceFloor = { enabled: boolean; message: string | null };

/**
 * Maintenance as it stands at an instant: `active` with its scope, message and planned end; or, when the switch
 * is on but its start lies ahead, `plannedStart` (works announced, nothing closed yet).
 */
export type MaintenanceNow = {
  active: boolean;
  scope: MaintenanceScope | null;
  message: string | null;
  plannedStart: Date | null;
  plannedEnd: Date | null;
};

/** Seconds a client is told to wait (`Retry-After`) when the planned end is unknown or already past. */
export const DEFAULT_RETRY_AFTER_SECONDS = 300;

/**
 * Maintenance at `now` from the stored switch (undefined: never switched) and the environment's floor. The floor
 * wins: when it is on, the whole site is closed whatever the row says (its message is the row's when the row is on,
 * else the floor's own).
 */
export function maintenanceAt(
  setting: MaintenanceSetting | undefined,
  floor: MaintenanceFloor,
  now: Date,
): MaintenanceNow {
  const on = setting?.enabled === true;
  const started = on && (setting.startsAt === null || setting.startsAt.getTime() <= now.getTime());
  if (floor.enabled)
    return {
      active: true,
      scope: 'all',
      message: (started ? setting.message : null) ?? floor.message,
      plannedStart: null,
      plannedEnd: started ? setting.plannedEnd : null,
    };
  if (!on) return { active: false, scope: null, message: null, plannedStart: null, plannedEnd: null };
  return {
    active: started,
    scope: started ? setting.scope : null,
    message: setting.message,
    plannedStart: started ? null : setting.startsAt,
    plannedEnd: setting.plannedEnd,
  };
}

/**
 * Whether maintenance closes a route. A route of no particular scope is closed only by maintenance of the whole
 * site; a route of the applications (or payments) scope is closed by `all` and by its own scope.
 */
export function closes(state: MaintenanceNow, routeScope: MaintenanceScope | undefined): boolean {
  if (!state.active) return false;
  return state.scope === 'all' || (routeScope !== undefined && state.scope === routeScope);
}

/** `Retry-After` in whole seconds: until the planned end (at least 1), else DEFAULT_RETRY_AFTER_SECONDS. */
export function retryAfterSeconds(state: MaintenanceNow, now: Date): number {
  if (!state.plannedEnd || state.plannedEnd.getTime() <= now.getTime()) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.max(1, Math.ceil((state.plannedEnd.getTime() - now.getTime()) / 1000));
}
