import type { StaffActor } from '../../actor';
import type { Deps } from '../../deps';
import { endStaffSessions } from './staff-repository';

/** Ends the staff member's current session (the cookie is cleared by the route). */
export async function signOutStaff(deps: Deps, actor: StaffActor): Promise<void> {
  await endStaffSessions(deps.db, {
    scope: { sessionId: actor.sessionId },
    reason: 'sign-out',
    at: deps.clock.now(),
  });
}
