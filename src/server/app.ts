import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifySse from '@fastify/sse';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { dateInZone, type Clock } from '../domain/calendar';
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
import type { Database } from './adapters/db/database';
import { Limiter } from './adapters/limits/limiter';
import { OutboxSms } from './adapters/sms/db-outbox-sms';
import { SmsRuSms } from './adapters/sms/smsru-sms';
import type { SmsPort } from './adapters/sms/sms-port';
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
import { devRoutes } from './http/dev/dev-routes';
import { staffRoutes } from './http/backoffice/staff-routes';
import { logOptions } from './http/log-options';
import { handleError, problemOf, sendProblem } from './http/problem';
import { identityRoutes } from './http/public/identity-routes';
import { siteRoutes } from './http/public/site-routes';
import { DemoClock } from './movable-clock';
import { FieldCipher } from './security/secrets';
import type { Deps } from './deps';
import { seedDemoProducts } from './modules/lending/loan-products';
import { seedDemoPskCeilings } from './modules/lending/psk-ceilings';

export const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

export type AppOptions = {
  config: Config;
  database: Database;
  /** Tests replace the clock or the adapters; everything else comes from the configuration. */
  overrides?: Partial<
    Pick<Deps, 'clock' | 'sms' | 'captcha' | 'bureau' | 'cardTokenizer' | 'payouts' | 'acquiring' | 'storage'>
  >;
  /** Where logs go (stdout by default); tests read them. */
  logStream?: Writable;
};

export const systemClock: Clock = { now: () => new Date() };

function smsFromConfig(config: Config, database: Database, clock: Clock): SmsPort {
  switch (config.sms.provider) {
    case 'outbox':
      return new OutboxSms(database.db, clock);
    case 'smsru':
      return new SmsRuSms(config.sms.smsru);
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
  });
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, lazyConnect: true })
    : undefined;
  if (redis) {
    // Connect before serving: a wrong REDIS_URL stops start-up instead of surfacing on the first sign-in.
    await redis.connect();
    app.addHook('onClose', async () => void (await redis.quit()));
  }

  // Demo mode can move time forward (the developer page «операционная дата»); production never does.
  const clock = overrides.clock ?? (config.demo ? new DemoClock() : systemClock);
  const deps: Deps = {
    config,
    db: database.db,
    clock,
    sms: overrides.sms ?? smsFromConfig(config, database, clock),
    captcha: overrides.captcha ?? new SvgCaptcha(),
    // No real bureau or tokenizer adapter exists yet: production refuses to start without ALLOW_FAKE_ADAPTERS.
    bureau: overrides.bureau ?? new FakeBureau(),
    cardTokenizer: overrides.cardTokenizer ?? new FakeCardTokenizer(),
    payouts: overrides.payouts ?? payoutsFromConfig(config, database),
    acquiring: overrides.acquiring ?? acquiringFromConfig(config, database, clock),
    limiter: new Limiter(redis, config.redisKeyPrefix),
    cipher: new FieldCipher(config.encryptionKey, config.hashKey),
    log: app.log as Deps['log'],
    storage: overrides.storage ?? storageFromConfig(config),
    supportEvents: new SupportEventHub(database, clock, config.support.pollMs),
  };
  app.addHook('onClose', () => deps.supportEvents.close());

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (request, reply) => void reply.header('x-request-id', request.id));

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through a style element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    hsts: config.production,
  });
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
  }

  siteRoutes(app, deps, database.ping);
  identityRoutes(app, deps);
  profileRoutes(app, deps);
  loanRoutes(app, deps);
  servicingRoutes(app, deps);
  acquiringWebhookRoutes(app, deps);
  staffRoutes(app, deps);
  supportRoutes(app, deps);
  supportDeskRoutes(app, deps);
  // The demo acquirer's page: after the payer's click the "provider" notifies us, as a real one would.
  if (deps.acquiring instanceof FakeAcquiring)
    await fakePaymentPageRoutes(app, deps.acquiring, {
      basePath: FAKE_PAYMENT_PAGE,
      onPayerAction: (id) => refreshPayment(deps, { providerPaymentId: id }),
    });
  if (config.demo) devRoutes(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const hasWeb = existsSync(WEB_ROOT);
  // Hashed assets never change under their name: cached for a year; index.html is asked for anew each time. The
  // build writes .br and .gz beside each asset; the one the browser accepts is sent with its Content-Encoding.
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders: (res, path) =>
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb)
      return sendProblem(reply, problemOf('NOT_FOUND', request.id));
    // Client-side routes of the two single-page apps: the back office has its own entry (its own chunks).
    const page = /^\/backoffice(\/|\?|$)/.test(request.url) ? 'backoffice.html' : 'index.html';
    return reply.type('text/html').sendFile(page);
  });

  return { app, deps };
}
