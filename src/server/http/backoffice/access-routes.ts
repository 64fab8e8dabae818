import type { FastifyInstance } from 'fastify';
import { accessApi } from '../../../contracts/backoffice-access';
import type { Deps } from '../../deps';
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
