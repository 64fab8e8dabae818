import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { federationApi } from '../../../contracts';
import { PROVIDER_NAMES, IDENTITY_PROVIDERS } from '../../adapters/identity/identity-provider-port';
import type { Config } from '../../config';
import type { Deps } from '../../deps';
import { completeFederatedRegistration } from '../../modules/identity/federation/complete-federated-registration';
import { confirmProviderLink } from '../../modules/identity/federation/confirm-provider-link';
import { finishProviderSignIn } from '../../modules/identity/federation/finish-provider-sign-in';
import { listProviderLinks, unlinkProvider } from '../../modules/identity/federation/provider-links';
import { sendLinkCode } from '../../modules/identity/federation/send-link-code';
import { showProviderAttempt } from '../../modules/identity/federation/show-provider-attempt';
import { startFederatedRegistration } from '../../modules/identity/federation/start-federated-registration';
import {
  ATTEMPT_TTL_MS,
  startProviderSignIn,
} from '../../modules/identity/federation/start-provider-sign-in';
import { route } from '../route';
import { setSessionCookie } from '../session-cookie';

const open = { audience: 'public' } as const;
const mine = { audience: 'borrower' } as const;

/**
 * The browser-binding cookie of a provider sign-in: set when it starts, required by every later step, so a
 * callback URL (with its code and state) opened in another browser is refused. SameSite=Lax: the provider sends
 * the person back with a top-level navigation.
 */
const browserCookie = (config: Config) => (config.secureCookies ? '__Host-fed' : 'fed');
const readBrowserToken = (request: FastifyRequest, config: Config) => request.cookies[browserCookie(config)];
function setBrowserCookie(reply: FastifyReply, token: string, config: Config) {
  reply.setCookie(browserCookie(config), token, {
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'lax',
    path: '/',
    maxAge: Math.floor(ATTEMPT_TTL_MS / 1000),
  });
}

/** Sign-up and sign-in through Gosuslugi and T-ID, and the borrower's linked providers. */
export function federationRoutes(app: FastifyInstance, deps: Deps) {
  const { config } = deps;
  route(app, deps, federationApi.providers, { ...open, duringMaintenance: true }, async () =>
    IDENTITY_PROVIDERS.filter((id) => deps.identityProviders[id]).map((id) => ({
      id,
      name: PROVIDER_NAMES[id],
    })),
  );
  route(app, deps, federationApi.start, open, async ({ params, body, actor, reply }) => {
    const { url, browserToken } = await startProviderSignIn(deps, {
      provider: params.provider,
      purpose: body.purpose,
      borrowerId: actor.kind === 'borrower' ? actor.borrowerId : null,
    });
    setBrowserCookie(reply, browserToken, config);
    return { url };
  });
  route(app, deps, federationApi.callback, open, async ({ params, body, actor, meta, request, reply }) => {
    const { outcome, session } = await finishProviderSignIn(deps, {
      provider: params.provider,
      ...body,
      browserToken: readBrowserToken(request, config),
      borrowerId: actor.kind === 'borrower' ? actor.borrowerId : null,
      meta,
    });
    if (session) setSessionCookie(reply, session.token, config);
    return outcome;
  });
  route(app, deps, federationApi.attempt, open, ({ params, request }) =>
    showProviderAttempt(deps, { attemptId: params.id, browserToken: readBrowserToken(request, config) }),
  );
  route(app, deps, federationApi.linkCode, open, ({ params, request, meta }) =>
    sendLinkCode(deps, { attemptId: params.id, browserToken: readBrowserToken(request, config), meta }),
  );
  route(app, deps, federationApi.link, open, async ({ params, body, request, meta, reply }) => {
    const { me, session } = await confirmProviderLink(deps, {
      attemptId: params.id,
      browserToken: readBrowserToken(request, config),
      proof: body,
      meta,
    });
    setSessionCookie(reply, session.token, config);
    return me;
  });
  route(app, deps, federationApi.registrationStart, open, ({ params, body, request, meta }) =>
    startFederatedRegistration(deps, {
      attemptId: params.id,
      browserToken: readBrowserToken(request, config),
      ...body,
      meta,
    }),
  );
  route(
    app,
    deps,
    federationApi.registrationComplete,
    open,
    async ({ params, body, request, meta, reply }) => {
      const { me, session } = await completeFederatedRegistration(deps, {
        ...body,
        registrationId: params.id,
        browserToken: readBrowserToken(request, config),
        meta,
      });
      setSessionCookie(reply, session.token, config);
      return me;
    },
  );

  route(app, deps, federationApi.myProviders, mine, ({ actor }) =>
    listProviderLinks(deps, { borrowerId: actor.borrowerId }),
  );
  route(app, deps, federationApi.unlink, mine, ({ actor, params, meta }) =>
    unlinkProvider(deps, { borrowerId: actor.borrowerId, provider: params.provider, meta }),
  );
}
