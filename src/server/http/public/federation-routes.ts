import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZProviderId, federationApi } from '../../../contracts';
import { escapeHtml } from '../../adapters/payments/fake-payment-page';
import { AppError } from '../../app-error';
import { authenticate } from '../auth';
import { problemOf } from '../problem';
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
  route(app, deps, federationApi.start, open, async ({ params, body, actor, reply, meta }) => {
    const { url, browserToken } = await startProviderSignIn(deps, {
      provider: params.provider,
      purpose: body.purpose,
      borrowerId: actor.kind === 'borrower' ? actor.borrowerId : null,
      ip: meta.ip,
    });
    setBrowserCookie(reply, browserToken, config);
    return { url };
  });
  // The same start as a plain link (`<a href="/federation/esia/start">`): works without scripts and is a link to
  // another site for assistive technology. Not under /api: it answers with a redirect (or a short HTML page).
  app.get<{ Params: { provider: string }; Querystring: { purpose?: string } }>(
    '/federation/:provider/start',
    { schema: { hide: true } },
    async (request, reply) => {
      const provider = ZProviderId.safeParse(request.params.provider);
      try {
        if (!provider.success) throw new AppError('PROVIDER_NOT_CONFIGURED');
        if (config.maintenance.enabled) throw new AppError('MAINTENANCE');
        const actor = await authenticate(deps, request, reply);
        const { url, browserToken } = await startProviderSignIn(deps, {
          provider: provider.data,
          purpose:
            request.query.purpose === 'link' || request.query.purpose === 'refresh'
              ? request.query.purpose
              : 'sign-in',
          borrowerId: actor.kind === 'borrower' ? actor.borrowerId : null,
          ip: request.ip,
        });
        setBrowserCookie(reply, browserToken, config);
        return reply.header('cache-control', 'no-store').redirect(url, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const { detail } = problemOf(error.code, request.id, error.extra);
        return reply
          .code(problemOf(error.code, request.id).status)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(
            `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Вход</title></head>` +
              `<body><main><h1>Не удалось начать вход</h1><p>${escapeHtml(detail)}</p><p><a href="/login">Войти по номеру телефона</a></p></main></body></html>`,
          );
      }
    },
  );
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
