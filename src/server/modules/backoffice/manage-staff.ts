import type { StaffMember } from '../../../contracts/backoffice-access';
import type { StaffActor, StaffRole } from '../../actor';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { createStaffMember } from './create-staff-member';
import {
  countOtherActiveAdmins,
  listStaffRows,
  lockStaff,
  updateStaff,
  type StaffChange,
} from './staff-access-repository';
import { endStaffSessions, type StaffRow } from './staff-repository';

/** A staff row as the admins' screen shows it (no hash, no secret). */
export const toStaffMember = (row: StaffRow): StaffMember => ({
  id: row.id,
  login: row.login,
  displayName: row.displayName,
  role: row.role,
  status: row.status,
  totpEnrolled: row.totpEnrolledAt !== null,
  createdAt: row.createdAt.toISOString(),
});

/** Every staff member, by login. */
export async function listStaff(deps: Deps): Promise<StaffMember[]> {
  return (await listStaffRows(deps.db)).map(toStaffMember);
}

/** An admin creates a staff member; the generated password is returned once. Audited (`backoffice.staff-created`). */
export async function createStaff(
  deps: Deps,
  input: { actor: StaffActor; meta: RequestMeta; login: string; displayName: string; role: StaffRole },
): Promise<{ member: StaffMember; password: string }> {
  const { member, password } = await createStaffMember(deps.db, input);
  return { member: toStaffMember(member), password };
}

type Change = 'block' | 'unblock' | 'reset-totp' | { role: StaffRole };

const refused = (detail: string) => new AppError('STAFF_CHANGE_NOT_ALLOWED', { detail });

/**
 * An admin changes a staff member, in one transaction with its audit row (`backoffice.staff-blocked`,
 * `-unblocked`, `-totp-reset`, `-role-changed`, details: the role before and after):
 * - block: status blocked and every session of theirs ends at once; unblock: active again;
 * - reset-totp: the secret is wiped, their sessions end, the next sign-in enrols anew;
 * - a role: takes effect on their next request (sessions read the role from the row).
 * Throws STAFF_CHANGE_NOT_ALLOWED (409) when an admin would block themself, or the last active admin would be
 * blocked or lose the role; NOT_FOUND for an unknown id.
 */
export async function changeStaff(
  deps: Deps,
  input: { actor: StaffActor; meta: RequestMeta; staffId: string; change: Change },
): Promise<StaffMember> {
  const { actor, meta, staffId, change } = input;
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const member = await lockStaff(tx, staffId);
    const removesAdmin =
      member.role === 'admin' &&
      member.status === 'active' &&
      (change === 'block' || (typeof change === 'object' && change.role !== 'admin'));
    if (change === 'block' && staffId === actor.staffId) throw refused('Нельзя заблокировать самого себя');
    if (removesAdmin && (await countOtherActiveAdmins(tx, staffId)) === 0)
      throw refused('Нельзя оставить бэк-офис без администратора');

    let update: StaffChange;
    let action: string;
    let endSessions = false;
    if (change === 'block') {
      [update, action, endSessions] = [{ status: 'blocked' }, 'backoffice.staff-blocked', true];
    } else if (change === 'unblock') {
      [update, action] = [{ status: 'active', failedSignIns: 0 }, 'backoffice.staff-unblocked'];
    } else if (change === 'reset-totp') {
      update = { totpSecretEncrypted: null, totpEnrolledAt: null };
      [action, endSessions] = ['backoffice.staff-totp-reset', true];
    } else {
      [update, action] = [{ role: change.role }, 'backoffice.staff-role-changed'];
    }
    const row = await updateStaff(tx, staffId, update);
    if (endSessions) await endStaffSessions(tx, { scope: { staffId }, reason: action, at });
    await audit(tx, {
      actor,
      meta,
      action,
      subjectId: staffId,
      details: {
        login: member.login,
        ...(typeof change === 'object' ? { from: member.role, to: change.role } : {}),
      },
    });
    return toStaffMember(row);
  });
}
