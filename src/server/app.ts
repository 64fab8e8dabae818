import { supportCasesDeskRoutes } from './http/backoffice/support-cases-routes';
import { supportCasesRoutes } from './http/borrower/support-cases-routes';
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySse from '@fastify/sse';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { dateInZone, type Clock } from '../domain/calendar';
import type { AddressSuggestPort } from './adapters/address/address-port';
import { DaDataAddressSuggest } from './adapters/address/dadata-address';
import { FakeAddressSuggest } from './adapters/address/fake-address';
import { OutboxEmail } from './adapters/email/db-outbox-email';
import type { EmailPort } from './adapters/email/email-port';
import { SmtpEmail } from './adapters/email/smtp-email';
import { FakeBureau } from './adapters/bureau/fake-bureau';
import { SvgCaptcha } from './adapters/captcha/captcha-port';
import { FakeCardTokenizer } from './adapters/payouts/card-tokenizer';
import { DbFakePayoutStore } from './adapters/payouts/db-fake-payout-store';
import { FakePayouts } from './adapters/payouts/fake-payouts';
import type { PayoutPort } from './adapters/payouts/payout-port';
import { YooKassaPayouts } from './adapters/payouts/yookassa-payouts';
import type { AcquiringPort } from './adapters/payments/acquiring-port';
import { DbFakeAcquiringStore } from './adapters/payments/db-fake-acquiring-store';
import { FakeAcquiring } from './adapters/payments/fake-acquiring';
import { fakePaymentPageRoutes } from './adapters/payments/fake-payment-page';
import { YooKassaPayments } from './adapters/payments/yookassa-payments';
import { EsiaIdentityProvider } from './adapters/identity/esia-identity-provider';
import { FakeIdentityProvider } from './adapters/identity/fake-identity-provider';
import { fakeIdentityPageRoutes, isOwnCallback } from './adapters/identity/fake-identity-page';
import { HttpEsiaSigner, LocalEsiaSigner } from './adapters/identity/signer-port';
import { TidIdentityProvider } from './adapters/identity/tid-identity-provider';
import { federationRoutes } from './http/public/federation-routes';
import type { Database } from './adapters/db/database';
import { Limiter } from './adapters/limits/limiter';
import { OutboxSms } from './adapters/sms/db-outbox-sms';
import { SmsRuSms } from './adapters/sms/smsru-sms';
import type { SmsPort } from './adapters/sms/sms-port';
import { DbFakeTelegramBot } from './adapters/telegram/db-fake-telegram-bot';
import { GrammyTelegramBot } from './adapters/telegram/grammy-telegram-bot';
import type { TelegramBotPort } from './adapters/telegram/telegram-port';
import { telegramRoutes } from './http/borrower/telegram-routes';
import { telegramWebhookRoutes } from './http/webhooks/telegram-webhook';
import { FolderStorage } from './adapters/storage/folder-storage';
import { S3Storage } from './adapters/storage/s3-storage';
import type { StoragePort } from './adapters/storage/storage-port';
import { SupportEventHub } from './modules/support/support-events';
import { supportRoutes } from './http/borrower/support-routes';
import { supportDeskRoutes } from './http/backoffice/support-desk-routes';
import type { Config } from './config';
import { loanRoutes } from './http/borrower/loan-routes';
import { servicingRoutes } from './http/borrower/servicing-routes';
import { acquiringWebhookRoutes } from './http/webhooks/acquiring-webhook';
import { refreshPayment } from './modules/payments/refresh-payment';
import { profileRoutes } from './http/borrower/profile-routes';
import { borrowerDataRoutes } from './http/borrower/borrower-data-routes';
import { devRoutes } from './http/dev/dev-routes';
import { staffRoutes } from './http/backoffice/staff-routes';
import { accessRoutes, staffManagementRoutes } from './http/backoffice/access-routes';
import { workRoutes } from './http/backoffice/work-routes';
import { cardRoutes } from './http/backoffice/card-routes';
import { engagementRoutes } from './http/borrower/engagement-routes';
import { engagementStaffRoutes } from './http/backoffice/engagement-routes';
import { logOptions } from './http/log-options';
import { addSecurityHeaders } from './http/security-headers';
import { responseSerializerCompiler } from './http/response-serializer';
import { surfaceOfPage } from './http/surfaces';
import { handleError, problemOf, sendProblem } from './http/problem';
import { identityRoutes } from './http/public/identity-routes';
import { siteRoutes } from './http/public/site-routes';
import { DemoClock } from './movable-clock';
import { FieldCipher } from './security/secrets';
import type { Deps } from './deps';
import { seedDemoProducts } from './modules/lending/loan-products';
import { projectPath } from './project-path';
import { seedDemoPskCeilings } from './modules/lending/psk-ceilings';
import { seedDemoStaff } from './modules/backoffice/demo-staff';
import { LiveMaintenance } from './modules/backoffice/settings/live-maintenance';
import { settingsRoutes } from './http/backoffice/settings-routes';

/** How often PostgreSQL instances re-read the maintenance switch besides LISTEN (a lost notification). */
const MAINTENANCE_SAFETY_POLL_MS = 30_000;

export const WEB_ROOT = projectPath('dist/web');

export type AppOptions = {
  config: Config;
  database: Database;
  /** Tests replace the clock or the adapters; everything else comes from the configuration. */
  overrides?: Partial<
    Pick<
      Deps,
      | 'clock'
      | 'sms'
      | 'email'
      | 'telegram'
      | 'captcha'
      | 'bureau'
      | 'cardTokenizer'
      | 'payouts'
      | 'acquiring'
      | 'address'
      | 'identityProviders'
      | 'storage'
    >
  >;
  /** Where logs go (stdout by default); tests read them. */
  logStream?: Writable;
};

/** Fastify's factories of schema compilers (typed for Ajv; ours hand back the Zod ones). */
type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;

export const systemClock: Clock = { now: () => new Date() };

/** The address-suggestion adapter chosen by ADDRESS_PROVIDER: DaData, or the built-in list (demo). */
function addressFromConfig(config: Config): AddressSuggestPort {
  return config.address.provider === 'dadata'
    ? new DaDataAddressSuggest(config.address.dadata)
    : new FakeAddressSuggest();
}

function smsFromConfig(config: Config, database: Database, clock: Clock): SmsPort {
  switch (config.sms.provider) {
    case 'outbox':
      return new OutboxSms(database.db, clock);
    case 'smsru':
      return new SmsRuSms(config.sms.smsru);
  }
}

/** The mailer chosen by EMAIL_PROVIDER: none (EMAIL_UNAVAILABLE), the developer outbox (demo) or an SMTP server. */
function emailFromConfig(config: Config, database: Database, clock: Clock): EmailPort | null {
  switch (config.email.provider) {
    case 'off':
      return null;
    case 'outbox':
      return new OutboxEmail(database.db, clock);
    case 'smtp':
      return new SmtpEmail(config.email.smtp);
  }
}

/** The Telegram bot chosen by TELEGRAM_BOT: none, the demo fake (its chat page /dev/telegram) or grammY. */
function telegramFromConfig(config: Config, database: Database, clock: Clock): TelegramBotPort | null {
  const { telegram } = config;
  switch (telegram.provider) {
    case 'off':
      return null;
    case 'fake':
      return new DbFakeTelegramBot(database.db, clock, telegram.username);
    case 'grammy':
      return new GrammyTelegramBot(telegram);
  }
}

function payoutsFromConfig(config: Config, database: Database): PayoutPort {
  switch (config.payouts.provider) {
    case 'fake':
      return new FakePayouts(new DbFakePayoutStore(database.db), {
        settleAfterMs: config.payouts.fakeSettleMs,
      });
    case 'yookassa':
      return new YooKassaPayouts(config.payouts.yookassa);
  }
}

function storageFromConfig(config: Config): StoragePort {
  switch (config.storage.provider) {
    case 'folder':
      return new FolderStorage(config.storage.dir);
    case 's3':
      return new S3Storage(config.storage.s3);
  }
}

/** Where the demo acquirer's own payment page lives (it is not our API: no CSRF token, plain HTML forms). */
export const FAKE_PAYMENT_PAGE = '/fake-acquiring/pay';

function acquiringFromConfig(config: Config, database: Database, clock: Clock): AcquiringPort {
  switch (config.acquiring.provider) {
    case 'fake':
      return new FakeAcquiring(new DbFakeAcquiringStore(database.db), {
        pageBaseUrl: FAKE_PAYMENT_PAGE,
        now: () => clock.now(),
      });
    case 'yookassa':
      return new YooKassaPayments(config.acquiring.yookassa);
  }
}

/** Where the demo identity providers' own pages live (fake-identity-page.ts). */
export const FAKE_IDP_PAGE = '/fake-idp';

/** Gosuslugi and T-ID as configured: fakes (demo), the real adapters, or nothing (no button). */
function identityProvidersFromConfig(config: Config, clock: Clock): Deps['identityProviders'] {
  const settings = config.identityProviders;
  const now = () => clock.now();
  const fake = (id: 'esia' | 'tid') =>
    new FakeIdentityProvider(id, { pageBaseUrl: FAKE_IDP_PAGE, secret: config.hashKey, now });
  const providers: Deps['identityProviders'] = {};
  if (settings.esia === 'fake') providers.esia = fake('esia');
  if (settings.esia === 'esia') {
    const e = settings.esiaSettings;
    providers.esia = new EsiaIdentityProvider({
      baseUrl: e.baseUrl,
      clientId: e.clientId,
      scope: e.scope,
      tokenKeyPem: e.tokenCertPem,
      signer:
        e.signer === 'http'
          ? new HttpEsiaSigner({
              url: e.signerUrl,
              keyId: e.signerKeyId,
              format: e.signatureFormat,
              token: e.signerToken,
            })
          : new LocalEsiaSigner(),
      clockSkewSec: settings.clockSkewSec,
      timeoutMs: settings.timeoutMs,
      now,
    });
  }
  if (settings.tid === 'fake') providers.tid = fake('tid');
  if (settings.tid === 'tid')
    providers.tid = new TidIdentityProvider({
      ...settings.tidSettings,
      clockSkewSec: settings.clockSkewSec,
      timeoutMs: settings.timeoutMs,
      now,
    });
  return providers;
}

/** Builds the whole application without listening: main.ts listens, tests inject. */
export async function buildApp({ config, database, overrides = {}, logStream }: AppOptions): Promise<{
  app: FastifyInstance;
  deps: Deps;
}> {
  const app = Fastify({
    logger: logOptions(config.logLevel, logStream),
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 64 * 1024,
    // The router's own errors (a malformed %-escape, an over-long path parameter) go through the one error handler.
    frameworkErrors: handleError,
    // Every schema is a Zod one (route() and the few hidden routes): Fastify's own compilers (Ajv and
    // fast-json-stringify, a quarter of a second to load) are never needed, so they are never loaded.
    schemaController: {
      compilersFactory: {
        buildValidator: () => validatorCompiler,
        buildSerializer: () => responseSerializerCompiler,
      } as unknown as CompilersFactory,
    },
  });
  // ioredis is imported only when Redis is configured (half a second of start-up otherwise).
  const redis = config.redisUrl
    ? new (await import('ioredis')).Redis(config.redisUrl, { enableOfflineQueue: false, lazyConnect: true })
    : undefined;
  if (redis) {
    // Connect before serving: a wrong REDIS_URL stops start-up instead of surfacing on the first sign-in.
    await redis.connect();
    app.addHook('onClose', async () => void (await redis.quit()));
  }

  // Demo mode can move time forward (the developer page «операционная дата»); production never does.
  const clock = overrides.clock ?? (config.demo ? new DemoClock() : systemClock);
  const maintenance = new LiveMaintenance(database, config.maintenance, clock, app.log);
  await maintenance.start({ pollMs: config.maintenance.pollMs, safetyPollMs: MAINTENANCE_SAFETY_POLL_MS });
  app.addHook('onClose', () => maintenance.stop());
  const deps: Deps = {
    config,
    db: database.db,
    clock,
    sms: overrides.sms ?? smsFromConfig(config, database, clock),
    telegram:
      overrides.telegram !== undefined ? overrides.telegram : telegramFromConfig(config, database, clock),
    captcha: overrides.captcha ?? new SvgCaptcha(),
    // No real bureau or tokenizer adapter exists yet: production refuses to start without ALLOW_FAKE_ADAPTERS.
    bureau: overrides.bureau ?? new FakeBureau(),
    cardTokenizer: overrides.cardTokenizer ?? new FakeCardTokenizer(),
    payouts: overrides.payouts ?? payoutsFromConfig(config, database),
    acquiring: overrides.acquiring ?? acquiringFromConfig(config, database, clock),
    address: overrides.address ?? addressFromConfig(config),
    identityProviders: overrides.identityProviders ?? identityProvidersFromConfig(config, clock),
    email: overrides.email !== undefined ? overrides.email : emailFromConfig(config, database, clock),
    limiter: new Limiter(redis, config.redisKeyPrefix),
    cipher: new FieldCipher(config.encryptionKey, config.hashKey),
    log: app.log as Deps['log'],
    maintenance,
    storage: overrides.storage ?? storageFromConfig(config),
    supportEvents: new SupportEventHub(database, clock, config.support.pollMs),
  };
  app.addHook('onClose', () => deps.supportEvents.close());

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  addSecurityHeaders(app, config);
  await app.register(fastifyCookie);
  await app.register(fastifySse, { heartbeatInterval: 25_000 });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: config.secureCookies,
      signed: false,
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Личный кабинет заёмщика: API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
    },
    transform: jsonSchemaTransform,
  });

  if (config.demo) {
    const today = dateInZone(deps.clock.now(), config.timeZone);
    await seedDemoProducts(database.db, today);
    await seedDemoPskCeilings(database.db, today);
    await seedDemoStaff(deps);
  }

  siteRoutes(app, deps, database.ping);
  identityRoutes(app, deps);
  profileRoutes(app, deps);
  borrowerDataRoutes(app, deps);
  loanRoutes(app, deps);
  servicingRoutes(app, deps);
  acquiringWebhookRoutes(app, deps);
  telegramRoutes(app, deps);
  telegramWebhookRoutes(app, deps);
  staffRoutes(app, deps);
  accessRoutes(app, deps);
  staffManagementRoutes(app, deps);
  settingsRoutes(app, deps);
  workRoutes(app, deps);
  cardRoutes(app, deps);
  engagementRoutes(app, deps);
  engagementStaffRoutes(app, deps);
  supportRoutes(app, deps);
  supportDeskRoutes(app, deps);
  supportCasesRoutes(app, deps);
  supportCasesDeskRoutes(app, deps);
  // The demo acquirer's page: after the payer's click the "provider" notifies us, as a real one would.
  if (deps.acquiring instanceof FakeAcquiring && config.surfaces.includes('borrower'))
    await fakePaymentPageRoutes(app, deps.acquiring, {
      basePath: FAKE_PAYMENT_PAGE,
      onPayerAction: (id) => refreshPayment(deps, { providerPaymentId: id }),
    });
  // Its plain-link start is registered outside route(): a back-office-only instance (SURFACES) leaves it out.
  if (config.surfaces.includes('borrower')) federationRoutes(app, deps);
  // The demo identity providers' pages: the person picks a test identity and is sent back to our callback.
  const fakeIdps = Object.values(deps.identityProviders).filter((p) => p instanceof FakeIdentityProvider);
  if (fakeIdps.length > 0 && config.surfaces.includes('borrower'))
    await fakeIdentityPageRoutes(app, {
      basePath: FAKE_IDP_PAGE,
      fakes: fakeIdps,
      isAllowedRedirect: (url) => isOwnCallback(url, config.publicUrl),
    });
  if (config.demo) devRoutes(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const hasWeb = existsSync(WEB_ROOT);
  // Hashed assets never change under their name: cached for a year; index.html is asked for anew each time. The
  // build writes .br and .gz beside each asset; the one the browser accepts is sent with its Content-Encoding.
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      // One route for every file (looked up on disk per request), not a route per file made at start-up: several
      // hundred files (assets and their .br/.gz twins) cost a tenth of a second of every restart (issue 9). A path
      // that is no file goes on to the not-found handler below, as an unknown route would.
      wildcard: true,
      index: false,
      // A directory (`/assets/`) is no file either: not found, instead of the static plugin's bare 403 error.
      allowedPath: (pathname) => !pathname.endsWith('/'),
      preCompressed: true,
      setHeaders: (res, path) =>
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
  // The HTML entry of a surface this instance does not serve (SURFACES) is not found, asked by name or by route.
  const servedPage = (url: string) => config.surfaces.includes(surfaceOfPage(url));
  if (hasWeb)
    app.addHook('onRequest', async (request, reply) => {
      if (/^\/(index|backoffice)\.html(\?|$)/.test(request.url) && !servedPage(request.url))
        return sendProblem(reply, problemOf('NOT_FOUND', request.id));
    });
  const pageOrNotFound = (request: FastifyRequest, reply: FastifyReply) => {
    // A missing asset (an old page asking for a chunk a deployment removed) is not found, never the page's HTML
    // under a script's name.
    if (/^\/(api|assets)\//.test(request.url) || request.method !== 'GET' || !hasWeb)
      return sendProblem(reply, problemOf('NOT_FOUND', request.id));
    // A back-office-only instance sends its root to the back office.
    if (!config.surfaces.includes('borrower') && /^\/(\?|$)/.test(request.url))
      return reply.redirect('/backoffice');
    if (!servedPage(request.url)) return sendProblem(reply, problemOf('NOT_FOUND', request.id));
    // Client-side routes of the two single-page apps: the back office has its own entry (its own chunks).
    const page = surfaceOfPage(request.url) === 'backoffice' ? 'backoffice.html' : 'index.html';
    return reply.type('text/html').sendFile(page);
  };
  app.setNotFoundHandler(pageOrNotFound);
  // The root is a directory to the static files' route (which lists none): it is the landing page.
  if (hasWeb) app.get('/', { schema: { hide: true } }, pageOrNotFound);

  return { app, deps };
}
