import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The only reader of process.env. Parsed once at start-up; a wrong value stops the process with a message
 * naming the variable. Demo mode (the default) runs with fakes and well-known keys; production refuses both.
 */
const DEMO_ENCRYPTION_KEY = Buffer.alloc(32, 'demo-encryption-key').toString('base64');
const DEMO_HASH_KEY = Buffer.alloc(32, 'demo-hash-key').toString('base64');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Names proxy-addr understands for well-known ranges. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const isProxyEntry = (entry: string): boolean => {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/**
 * TRUST_PROXY: the proxies whose `X-Forwarded-For` is believed, as a comma-separated list of addresses, CIDR
 * ranges and the names loopback, linklocal, uniquelocal (`10.0.0.0/8,127.0.0.1`); `false` (the default) believes
 * no one. `true` ("believe anyone") is refused: a client could then choose its own address.
 */
const trustedProxies = z.string().transform((value, ctx): string[] | false => {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0 || (entries.length === 1 && ['false', '0', 'no'].includes(entries[0] ?? '')))
    return false;
  const bad = entries.filter((e) => !isProxyEntry(e));
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `укажите адреса или подсети прокси через запятую (10.0.0.0/8,127.0.0.1) или loopback; не подходит: ${bad.join(', ')}`,
    });
    return z.NEVER;
  }
  return entries;
});

const key32 = z
  .string()
  .refine(
    (s) => Buffer.from(s, 'base64').length === 32,
    'должен быть 32 байта в base64 (openssl rand -base64 32)',
  );

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.url().optional(),
  REDIS_KEY_PREFIX: z.string().min(1).default('lk'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIME_ZONE: z.string().default('Europe/Moscow'),
  PUBLIC_URL: z.url().optional(),

  ENCRYPTION_KEY: key32.optional(),
  HASH_KEY: key32.optional(),
  ALLOW_FAKE_ADAPTERS: bool.default(false),
  TRUST_PROXY: trustedProxies.default(false),

  SMS_PROVIDER: z.enum(['outbox', 'smsru']).default('outbox'),
  SMSRU_API_ID: z.string().optional(),
  SMSRU_BASE_URL: z.url().optional(),
  SMS_SENDER: z.string().optional(),

  EMAIL_PROVIDER: z.enum(['off', 'outbox', 'smtp']).optional(),
  SMTP_URL: z
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), 'адрес вида smtp://логин:пароль@сервер:587 или smtps://…:465')
    .optional(),
  EMAIL_FROM: z.string().min(3).optional(),

  PAYOUT_PROVIDER: z.enum(['fake', 'yookassa']).default('fake'),
  YOOKASSA_AGENT_ID: z.string().optional(),
  YOOKASSA_SECRET_KEY: z.string().optional(),
  YOOKASSA_BASE_URL: z.url().optional(),
  FAKE_PAYOUT_SETTLE_MS: z.coerce.number().int().min(0).default(3000),
  PAYOUT_LEASE_SECONDS: z.coerce.number().int().positive().default(60),

  ACQUIRING_PROVIDER: z.enum(['fake', 'yookassa']).default('fake'),
  YOOKASSA_SHOP_ID: z.string().optional(),
  YOOKASSA_SHOP_SECRET_KEY: z.string().optional(),
  ADDRESS_PROVIDER: z.enum(['fake', 'dadata']).default('fake'),
  DADATA_API_KEY: z.string().optional(),
  DADATA_BASE_URL: z.url().optional(),
  MAX_PROLONGATIONS: z.coerce.number().int().min(0).max(5).default(5),
  PROLONGATION_MIN_DAYS: z.coerce.number().int().min(1).default(7),
  PROLONGATION_MAX_DAYS: z.coerce.number().int().min(1).max(30).default(30),
  CLOSE_OF_BUSINESS: bool.default(true),
  CLOSE_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  JOB_WORKER: bool.default(true),
  JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  LENDER_KPP: z.string().default('770001001'),
  LENDER_BANK_NAME: z.string().default('ПАО «Демобанк» (демо)'),
  LENDER_BANK_BIK: z.string().default('044525000'),
  LENDER_BANK_ACCOUNT: z.string().default('40701810000000000000'),
  LENDER_BANK_CORR_ACCOUNT: z.string().default('30101810000000000000'),

  SURFACES: z
    .string()
    .default('borrower,backoffice')
    .transform((value, ctx) => {
      const parts = [...new Set(value.split(',').map((part) => part.trim()))].filter(Boolean);
      const bad = parts.filter((part) => part !== 'borrower' && part !== 'backoffice');
      if (parts.length === 0 || bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: 'укажите borrower, backoffice или borrower,backoffice' });
        return z.NEVER;
      }
      return parts as ('borrower' | 'backoffice')[];
    }),

  ESIA_PROVIDER: z.enum(['off', 'fake', 'esia']).optional(),
  ESIA_BASE_URL: z.url().optional(),
  ESIA_CLIENT_ID: z.string().optional(),
  ESIA_SCOPE: z.string().optional(),
  ESIA_TOKEN_CERT: z.string().optional(),
  ESIA_SIGNER: z.enum(['local', 'http']).default('local'),
  ESIA_SIGNER_URL: z.url().optional(),
  ESIA_SIGNER_KEY_ID: z.string().optional(),
  ESIA_SIGNER_TOKEN: z.string().optional(),
  ESIA_SIGNATURE_FORMAT: z.enum(['raw', 'cms']).default('raw'),
  TID_PROVIDER: z.enum(['off', 'fake', 'tid']).optional(),
  TID_BASE_URL: z.url().optional(),
  TID_API_BASE_URL: z.url().optional(),
  TID_CLIENT_ID: z.string().optional(),
  TID_CLIENT_SECRET: z.string().optional(),
  IDP_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  IDP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),

  MAINTENANCE_MODE: bool.default(false),
  MAINTENANCE_MESSAGE: z.string().optional(),
  MAINTENANCE_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),

  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(24),
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
  STAFF_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(10),
  BACKOFFICE_SECOND_APPROVAL_ABOVE_KOPECKS: z
    .string()
    .regex(/^\d{1,15}$/)
    .default('8000000')
    .transform((v) => BigInt(v)),
  BACKOFFICE_CLAIM_MINUTES: z.coerce.number().int().positive().default(30),

  COMPANY_NAME: z.string().default('Смсфинанс'),
  SUPPORT_PHONE: z.string().default('8 800 000-00-00'),
  SUPPORT_EMAIL: z.string().default('support@example.ru'),
  TELEGRAM_URL: z.string().default('https://t.me/example_mfo'),
  TELEGRAM_BOT: z.enum(['off', 'fake', 'grammy']).optional(),
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  TELEGRAM_BOT_USERNAME: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'имя бота без @, например example_mfo_bot')
    .optional(),
  TELEGRAM_API_ROOT: z.url().optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 символов: латиница, цифры, _ и -')
    .optional(),
  TELEGRAM_SET_WEBHOOK: bool.default(false),
  LENDER_LEGAL_NAME: z.string().default('ООО МКК «Смсфинанс» (демо)'),
  LENDER_OGRN: z.string().default('0000000000000'),
  LENDER_INN: z.string().default('0000000000'),
  LENDER_ADDRESS: z.string().default('г. Москва, демонстрационный адрес'),
  LENDER_REGISTRY_NUMBER: z.string().default('0000000000000'),
  LENDER_WEBSITE: z.string().default('example.ru'),

  POINTS_ON_TIME_PAYMENT: z.coerce.number().int().nonnegative().default(100),
  POINTS_LOAN_REPAID_ON_TIME: z.coerce.number().int().nonnegative().default(500),
  POINTS_PROFILE_COMPLETED: z.coerce.number().int().nonnegative().default(200),
  POINTS_EXPIRY_DAYS: z.coerce.number().int().positive().default(365),
  POINTS_KOPECKS_PER_POINT: z.coerce.number().int().nonnegative().default(100),
  STORAGE_PROVIDER: z.enum(['folder', 's3']).default('folder'),
  STORAGE_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('ru-central1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  SUPPORT_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(20 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  SUPPORT_COMPLAINT_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(15),
  SUPPORT_WORKING_HOURS: z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/, 'часы работы в виде 9-18')
    .refine((s) => {
      const [start, end] = s.split('-').map(Number) as [number, number];
      return start < end && end <= 24;
    }, 'начало раньше конца, конец не позже 24')
    .default('9-18'),
  SUPPORT_AUTO_ASSIGN: bool.default(false),
  PHONE_CHANGE_PAYOUT_HOLD_HOURS: z.coerce.number().int().nonnegative().default(24),
  RETENTION_YEARS: z.coerce.number().int().positive().default(5),
  SUPPORT_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** How long the link to the confirmation PDF of an ended relationship (sent by SMS) stays valid, in days. */
  RELATIONSHIP_END_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often an open live stream (SSE) re-checks its session, in ms: it ends when the session has ended. */
  SUPPORT_STREAM_SESSION_CHECK_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** Run the nightly erasure of personal data of ended relationships past erase_after on this instance. */
  PERSONAL_DATA_ERASURE: bool.default(true),
});

export type Config = ReturnType<typeof buildConfig>;

function buildConfig(env: z.infer<typeof ZEnv>) {
  const production = env.NODE_ENV === 'production';
  const smsProvider = env.SMS_PROVIDER;
  return {
    production,
    demo: !production,
    /** ALLOW_FAKE_ADAPTERS: production may run with fakes (staging). */
    allowFakeAdapters: env.ALLOW_FAKE_ADAPTERS,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    logLevel: env.LOG_LEVEL,
    timeZone: env.TIME_ZONE,
    trustProxy: env.TRUST_PROXY,
    secureCookies: production,
    encryptionKey: Buffer.from(env.ENCRYPTION_KEY ?? DEMO_ENCRYPTION_KEY, 'base64'),
    hashKey: Buffer.from(env.HASH_KEY ?? DEMO_HASH_KEY, 'base64'),
    sms: {
      provider: smsProvider,
      smsru: {
        apiId: env.SMSRU_API_ID ?? '',
        baseUrl: env.SMSRU_BASE_URL ?? 'https://sms.ru',
        sender: env.SMS_SENDER,
      },
    },
    payouts: {
      provider: env.PAYOUT_PROVIDER,
      fakeSettleMs: env.FAKE_PAYOUT_SETTLE_MS,
      leaseMs: env.PAYOUT_LEASE_SECONDS * 1000,
      yookassa: {
        agentId: env.YOOKASSA_AGENT_ID ?? '',
        secretKey: env.YOOKASSA_SECRET_KEY ?? '',
        baseUrl: env.YOOKASSA_BASE_URL,
      },
    },
    acquiring: {
      provider: env.ACQUIRING_PROVIDER,
      yookassa: {
        shopId: env.YOOKASSA_SHOP_ID ?? '',
        secretKey: env.YOOKASSA_SHOP_SECRET_KEY ?? '',
        baseUrl: env.YOOKASSA_BASE_URL,
      },
    },
    address: {
      provider: env.ADDRESS_PROVIDER,
      dadata: {
        apiKey: env.DADATA_API_KEY ?? '',
        baseUrl: env.DADATA_BASE_URL ?? 'https://suggestions.dadata.ru',
      },
    },
    identityProviders: {
      // Demo mode shows both fakes; production has none unless configured.
      esia: env.ESIA_PROVIDER ?? (production ? 'off' : 'fake'),
      tid: env.TID_PROVIDER ?? (production ? 'off' : 'fake'),
      clockSkewSec: env.IDP_CLOCK_SKEW_SECONDS,
      timeoutMs: env.IDP_TIMEOUT_MS,
      esiaSettings: {
        baseUrl: env.ESIA_BASE_URL ?? 'https://esia.gosuslugi.ru',
        clientId: env.ESIA_CLIENT_ID ?? '',
        scope: env.ESIA_SCOPE,
        tokenCertPem: env.ESIA_TOKEN_CERT,
        signer: env.ESIA_SIGNER,
        signerUrl: env.ESIA_SIGNER_URL ?? '',
        signerKeyId: env.ESIA_SIGNER_KEY_ID ?? '',
        signerToken: env.ESIA_SIGNER_TOKEN,
        signatureFormat: env.ESIA_SIGNATURE_FORMAT,
      },
      tidSettings: {
        baseUrl: env.TID_BASE_URL ?? 'https://id.tbank.ru',
        apiBaseUrl: env.TID_API_BASE_URL ?? 'https://business.tbank.ru',
        clientId: env.TID_CLIENT_ID ?? '',
        clientSecret: env.TID_CLIENT_SECRET ?? '',
      },
    },
    servicing: {
      maxProlongations: env.MAX_PROLONGATIONS,
      prolongationDays: { min: env.PROLONGATION_MIN_DAYS, max: env.PROLONGATION_MAX_DAYS },
      closeOfBusiness: env.CLOSE_OF_BUSINESS,
      /** Connections the nightly close runs its batches on at once (PostgreSQL; PGlite has one connection). */
      closeWorkers: env.DATABASE_URL ? env.CLOSE_WORKERS : 1,
    },
    jobs: { worker: env.JOB_WORKER, pollMs: env.JOB_POLL_MS },
    publicUrl: env.PUBLIC_URL ?? null,
    bankTransfer: {
      kpp: env.LENDER_KPP,
      bank: env.LENDER_BANK_NAME,
      bik: env.LENDER_BANK_BIK,
      account: env.LENDER_BANK_ACCOUNT,
      correspondentAccount: env.LENDER_BANK_CORR_ACCOUNT,
    },
    maintenance: {
      enabled: env.MAINTENANCE_MODE,
      message: env.MAINTENANCE_MESSAGE ?? null,
      pollMs: env.MAINTENANCE_POLL_MS,
    },
    /** What this instance serves: the borrowers' site and API, the back office, or both (SURFACES). */
    surfaces: env.SURFACES,
    session: {
      idleMs: env.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    staffSession: {
      idleMs: env.STAFF_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: env.STAFF_SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    /** Work queues and decisions: approvals above `secondApprovalAbove` (kopecks) need a senior; claims last `claimMs`. */
    backofficeWork: {
      secondApprovalAbove: env.BACKOFFICE_SECOND_APPROVAL_ABOVE_KOPECKS,
      claimMs: env.BACKOFFICE_CLAIM_MINUTES * 60_000,
    },
    lender: {
      name: env.LENDER_LEGAL_NAME,
      ogrn: env.LENDER_OGRN,
      inn: env.LENDER_INN,
      address: env.LENDER_ADDRESS,
      registryNumber: env.LENDER_REGISTRY_NUMBER,
      website: env.LENDER_WEBSITE,
      phone: env.SUPPORT_PHONE,
    },
    storage: {
      provider: env.STORAGE_PROVIDER,
      dir: env.STORAGE_DIR ?? `${env.DATA_DIR}/files`,
      s3: {
        endpoint: env.S3_ENDPOINT ?? '',
        bucket: env.S3_BUCKET ?? '',
        region: env.S3_REGION,
        accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
      },
    },
    support: {
      attachmentMaxBytes: env.SUPPORT_ATTACHMENT_MAX_BYTES,
      complaintWorkingDays: env.SUPPORT_COMPLAINT_WORKING_DAYS,
      pollMs: env.SUPPORT_POLL_MS,
      autoAssign: env.SUPPORT_AUTO_ASSIGN,
      phoneChangePayoutHoldHours: env.PHONE_CHANGE_PAYOUT_HOLD_HOURS,
      retentionYears: env.RETENTION_YEARS,
      relationshipEndLinkDays: env.RELATIONSHIP_END_LINK_DAYS,
      streamSessionCheckMs: env.SUPPORT_STREAM_SESSION_CHECK_MS,
      erasure: env.PERSONAL_DATA_ERASURE,
      workingHours: {
        start: Number(env.SUPPORT_WORKING_HOURS.split('-')[0]),
        end: Number(env.SUPPORT_WORKING_HOURS.split('-')[1]),
        timeZone: env.TIME_ZONE,
      },
    },
    /**
     * Letters (EMAIL_PROVIDER): off (no e-mail confirmation, EMAIL_UNAVAILABLE), the developer outbox `/dev/sms`
     * (the demo default, and production's with ALLOW_FAKE_ADAPTERS, as before EMAIL_PROVIDER existed) or an SMTP
     * server at SMTP_URL, the letters signed EMAIL_FROM.
     */
    email: {
      provider: env.EMAIL_PROVIDER ?? (production && !env.ALLOW_FAKE_ADAPTERS ? 'off' : 'outbox'),
      smtp: { url: env.SMTP_URL ?? '', from: env.EMAIL_FROM ?? '' },
    },
    site: {
      companyName: env.COMPANY_NAME,
      supportPhone: env.SUPPORT_PHONE,
      supportEmail: env.SUPPORT_EMAIL,
      telegramUrl: env.TELEGRAM_URL,
    },
    /**
     * The Telegram bot (TELEGRAM_BOT): off, the demo fake (its chat at /dev/telegram; the demo default) or the
     * real bot through grammY. Updates come to the webhook `/api/webhooks/telegram` with the secret header;
     * `setWebhook` registers `${PUBLIC_URL}/api/webhooks/telegram` with the Bot API at start-up.
     */
    telegram: {
      provider: env.TELEGRAM_BOT ?? (production ? 'off' : 'fake'),
      token: env.TELEGRAM_BOT_TOKEN ?? '',
      username: env.TELEGRAM_BOT_USERNAME ?? 'demo_mfo_bot',
      apiRoot: env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org',
      webhookSecret: env.TELEGRAM_WEBHOOK_SECRET ?? '',
      setWebhook: env.TELEGRAM_SET_WEBHOOK,
    },
    /** Bonus points: how many each cause earns, and after how many days an earned lot expires. */
    points: {
      onTimePayment: env.POINTS_ON_TIME_PAYMENT,
      loanRepaidOnTime: env.POINTS_LOAN_REPAID_ON_TIME,
      profileCompleted: env.POINTS_PROFILE_COMPLETED,
      expiryDays: env.POINTS_EXPIRY_DAYS,
      /** What one point takes off a payment's interest (kopecks); 0 turns spending off. */
      kopecksPerPoint: env.POINTS_KOPECKS_PER_POINT,
    },
  };
}

export class ConfigError extends Error {}

/** Parses and checks the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const problems: string[] = [];
    if (!e.ENCRYPTION_KEY) problems.push('  ENCRYPTION_KEY: required in production');
    if (!e.HASH_KEY) problems.push('  HASH_KEY: required in production');
    if (!e.DATABASE_URL) problems.push('  DATABASE_URL: required in production (PGlite is for one machine)');
    if (e.SMS_PROVIDER === 'outbox' && !e.ALLOW_FAKE_ADAPTERS)
      problems.push(
        '  SMS_PROVIDER: the outbox fake is refused in production unless ALLOW_FAKE_ADAPTERS=true',
      );
    if (e.ACQUIRING_PROVIDER === 'fake' && !e.ALLOW_FAKE_ADAPTERS)
      problems.push(
        '  ACQUIRING_PROVIDER: the fake acquirer is refused in production unless ALLOW_FAKE_ADAPTERS=true',
      );
    if (e.ACQUIRING_PROVIDER === 'yookassa' && (!e.YOOKASSA_SHOP_ID || !e.YOOKASSA_SHOP_SECRET_KEY))
      problems.push('  YOOKASSA_SHOP_ID, YOOKASSA_SHOP_SECRET_KEY: required for ACQUIRING_PROVIDER=yookassa');
    if (e.ADDRESS_PROVIDER === 'fake' && !e.ALLOW_FAKE_ADAPTERS)
      problems.push(
        '  ADDRESS_PROVIDER: the built-in address list is refused in production unless ALLOW_FAKE_ADAPTERS=true',
      );
    if (e.ADDRESS_PROVIDER === 'dadata' && !e.DADATA_API_KEY)
      problems.push('  DADATA_API_KEY: required for ADDRESS_PROVIDER=dadata');
    if (e.ESIA_PROVIDER === 'fake' && !e.ALLOW_FAKE_ADAPTERS)
      problems.push(
        '  ESIA_PROVIDER: the fake Gosuslugi is refused in production unless ALLOW_FAKE_ADAPTERS=true',
      );
    if (e.TID_PROVIDER === 'fake' && !e.ALLOW_FAKE_ADAPTERS)
      problems.push('  TID_PROVIDER: the fake T-ID is refused in production unless ALLOW_FAKE_ADAPTERS=true');
    if (e.TELEGRAM_BOT === 'fake' && !e.ALLOW_FAKE_ADAPTERS)
      problems.push('  TELEGRAM_BOT: the fake bot is refused in production unless ALLOW_FAKE_ADAPTERS=true');
    if (e.ESIA_PROVIDER === 'esia' && e.ESIA_SIGNER === 'local' && !e.ALLOW_FAKE_ADAPTERS)
      problems.push(
        '  ESIA_SIGNER: the local (non-GOST) signer is refused in production unless ALLOW_FAKE_ADAPTERS=true',
      );
    if (
      e.STORAGE_PROVIDER === 's3' &&
      !(e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY)
    )
      problems.push(
        '  S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: required for STORAGE_PROVIDER=s3',
      );
    if (e.SMS_PROVIDER === 'smsru' && !e.SMSRU_API_ID)
      problems.push('  SMSRU_API_ID: required for SMS_PROVIDER=smsru');
    if (e.EMAIL_PROVIDER === 'outbox' && !e.ALLOW_FAKE_ADAPTERS)
      problems.push(
        '  EMAIL_PROVIDER: the outbox fake is refused in production unless ALLOW_FAKE_ADAPTERS=true',
      );
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  // Settings a chosen provider needs, in every environment (production's own checks are above).
  const missingSettings: string[] = [];
  if (e.TELEGRAM_BOT === 'grammy') {
    if (!e.TELEGRAM_BOT_TOKEN || !e.TELEGRAM_BOT_USERNAME || !e.TELEGRAM_WEBHOOK_SECRET)
      missingSettings.push(
        '  TELEGRAM_BOT_TOKEN, TELEGRAM_BOT_USERNAME, TELEGRAM_WEBHOOK_SECRET: required for TELEGRAM_BOT=grammy',
      );
    if (e.TELEGRAM_SET_WEBHOOK && !e.PUBLIC_URL)
      missingSettings.push('  PUBLIC_URL: required for TELEGRAM_SET_WEBHOOK (the webhook address)');
  }
  if (e.ESIA_PROVIDER === 'esia') {
    if (!e.ESIA_CLIENT_ID) missingSettings.push('  ESIA_CLIENT_ID: required for ESIA_PROVIDER=esia');
    if (!e.PUBLIC_URL)
      missingSettings.push('  PUBLIC_URL: required for ESIA_PROVIDER=esia (the callback address)');
    if (e.ESIA_SIGNER === 'http' && (!e.ESIA_SIGNER_URL || !e.ESIA_SIGNER_KEY_ID))
      missingSettings.push('  ESIA_SIGNER_URL, ESIA_SIGNER_KEY_ID: required for ESIA_SIGNER=http');
  }
  if (e.EMAIL_PROVIDER === 'smtp' && (!e.SMTP_URL || !e.EMAIL_FROM))
    missingSettings.push('  SMTP_URL, EMAIL_FROM: required for EMAIL_PROVIDER=smtp');
  if (e.TID_PROVIDER === 'tid') {
    if (!e.TID_CLIENT_ID || !e.TID_CLIENT_SECRET)
      missingSettings.push('  TID_CLIENT_ID, TID_CLIENT_SECRET: required for TID_PROVIDER=tid');
    if (!e.PUBLIC_URL)
      missingSettings.push('  PUBLIC_URL: required for TID_PROVIDER=tid (the callback address)');
  }
  if (missingSettings.length > 0)
    throw new ConfigError(`Invalid configuration:\n${missingSettings.join('\n')}`);
  return buildConfig(e);
}
