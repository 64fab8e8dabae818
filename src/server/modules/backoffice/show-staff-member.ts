import type { StaffActor } from '../../actor';
import type { Deps } from '../../deps';
import { ROLE_PERMISSIONS } from '../../http/permissions';
import type { StaffMe } from '../../../contracts/backoffice';
import { getStaff } from './staff-repository';

/** The signed-in staff member as the back office's screens see them: name, role and the role's permissions. */
export async function showStaffMember(deps: Deps, actor: StaffActor): Promise<StaffMe> {
  const member = await getStaff(deps.db, actor.staffId);
  return {
    id: member.id,
    login: member.login,
    displayName: member.displayName,
    role: member.role,
    permissions: [...ROLE_PERMISSIONS[member.role]],
  };
}
