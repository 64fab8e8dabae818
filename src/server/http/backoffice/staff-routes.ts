import type { FastifyInstance } from 'fastify';
import { backofficeApi } from '../../../contracts/backoffice';
import type { Deps } from '../../deps';
import { showStaffMember } from '../../modules/backoffice/show-staff-member';
import { signOutStaff } from '../../modules/backoffice/sign-out-staff';
import { route } from '../route';
import { clearSessionCookie } from '../session-cookie';

/** The staff member's own session: who am I, sign out. (Sign-in with TOTP lives beside it.) */
export function staffRoutes(app: FastifyInstance, deps: Deps) {
  route(
    app,
    deps,
    backofficeApi.staffMe,
    { audience: 'staff', permission: 'backoffice.enter' },
    ({ actor }) => showStaffMember(deps, actor),
  );
  route(
    app,
    deps,
    backofficeApi.staffSignOut,
    { audience: 'staff', permission: 'backoffice.enter' },
    async ({ actor, reply }) => {
      await signOutStaff(deps, actor);
      clearSessionCookie(reply, deps.config, 'staff');
      return { ok: true as const };
    },
  );
}
