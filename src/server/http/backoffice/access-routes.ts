import type { FastifyInstance } from 'fastify';
import { accessApi } from '../../../contracts/backoffice-access';
import type { StaffActor } from '../../actor';
import type { Deps, RequestMeta } from '../../deps';
import { changeStaff, createStaff, listStaff } from '../../modules/backoffice/manage-staff';
import { signInStaff } from '../../modules/backoffice/sign-in-staff';
import { route } from '../route';
import { setSessionCookie } from '../session-cookie';

/**
 * The staff sign-in (public: whoever is not signed in yet; served during the site's maintenance too, since the back
 * office is what switches it off).
 */
export function accessRoutes(app: FastifyInstance, deps: Deps) {
  route(
    app,
    deps,
    accessApi.staffSignIn,
    { audience: 'public', duringMaintenance: true },
    async ({ body, meta, reply }) => {
      const outcome = await signInStaff(deps, { ...body, meta });
      if (outcome.session) setSessionCookie(reply, outcome.session.token, deps.config, 'staff');
      return outcome.result;
    },
  );
}

/** Staff management for admins (`staff.manage`): list, create, block/unblock, reset TOTP, change role. */
export function staffManagementRoutes(app: FastifyInstance, deps: Deps) {
  const manage = { audience: 'staff', permission: 'staff.manage' } as const;
  route(app, deps, accessApi.staffList, manage, () => listStaff(deps));
  route(app, deps, accessApi.staffCreate, manage, ({ actor, meta, body }) =>
    createStaff(deps, { actor, meta, ...body }),
  );
  const change = (
    staffId: string,
    actor: StaffActor,
    meta: RequestMeta,
    what: Parameters<typeof changeStaff>[1]['change'],
  ) => changeStaff(deps, { actor, meta, staffId, change: what });
  route(app, deps, accessApi.staffBlock, manage, ({ actor, meta, params }) =>
    change(params.id, actor, meta, 'block'),
  );
  route(app, deps, accessApi.staffUnblock, manage, ({ actor, meta, params }) =>
    change(params.id, actor, meta, 'unblock'),
  );
  route(app, deps, accessApi.staffResetTotp, manage, ({ actor, meta, params }) =>
    change(params.id, actor, meta, 'reset-totp'),
  );
  route(app, deps, accessApi.staffChangeRole, manage, ({ actor, meta, params, body }) =>
    change(params.id, actor, meta, { role: body.role }),
  );
}
