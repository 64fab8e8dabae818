import type { FastifyInstance } from 'fastify';
import { api } from '../../../contracts';
import { completePasswordRecovery } from '../../modules/identity/complete-password-recovery';
import { completeRegistration } from '../../modules/identity/complete-registration';
import { confirmRegistrationPhone } from '../../modules/identity/confirm-registration-phone';
import type { Deps } from '../../deps';
import { showProfile } from '../../modules/identity/show-profile';
import { resendRecoveryCode } from '../../modules/identity/resend-recovery-code';
import { resendRegistrationCode } from '../../modules/identity/resend-registration-code';
import { signIn } from '../../modules/identity/sign-in';
import { signOut } from '../../modules/identity/sign-out';
import { startPasswordRecovery } from '../../modules/identity/start-password-recovery';
import { startRegistration } from '../../modules/identity/start-registration';
import { setDeviceCookie } from '../device-cookie';
import { route } from '../route';
import { clearSessionCookie, setSessionCookie } from '../session-cookie';

const open = { audience: 'public' } as const;

export function identityRoutes(app: FastifyInstance, deps: Deps) {
  route(app, deps, api.registrationStart, open, ({ body, meta }) =>
    startRegistration(deps, { ...body, meta }),
  );
  route(app, deps, api.registrationResend, open, ({ params, meta }) =>
    resendRegistrationCode(deps, { registrationId: params.id, meta }),
  );
  route(app, deps, api.registrationConfirm, open, ({ params, body }) =>
    confirmRegistrationPhone(deps, { registrationId: params.id, code: body.code }),
  );
  route(app, deps, api.registrationComplete, open, async ({ params, body, meta, reply }) => {
    const { me, session } = await completeRegistration(deps, { ...body, registrationId: params.id, meta });
    setSessionCookie(reply, session.token, deps.config);
    return me;
  });

  route(app, deps, api.login, open, async ({ body, meta, reply }) => {
    const { me, session, deviceId } = await signIn(deps, { ...body, meta });
    setSessionCookie(reply, session.token, deps.config);
    setDeviceCookie(reply, deps.cipher, deps.config, deviceId);
    return me;
  });
  // A guest is not an error: 200 { signedIn: false }, so the web app's «who am I» never logs a failed request.
  route(app, deps, api.session, open, async ({ actor }) =>
    actor.kind === 'borrower'
      ? { signedIn: true as const, me: await showProfile(deps, { borrowerId: actor.borrowerId }) }
      : { signedIn: false as const },
  );
  route(app, deps, api.logout, { audience: 'public', duringMaintenance: true }, async ({ actor, reply }) => {
    if (actor.kind === 'borrower') await signOut(deps, { sessionId: actor.sessionId });
    clearSessionCookie(reply, deps.config);
    return { ok: true as const };
  });

  route(app, deps, api.recoveryStart, open, ({ body, meta }) =>
    startPasswordRecovery(deps, { ...body, meta }),
  );
  route(app, deps, api.recoveryResend, open, ({ params, meta }) =>
    resendRecoveryCode(deps, { recoveryId: params.id, meta }),
  );
  route(app, deps, api.recoveryComplete, open, ({ params, body, meta }) =>
    completePasswordRecovery(deps, { ...body, recoveryId: params.id, meta }),
  );
}
