import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('runs the demo with no configuration at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      demo: true,
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: undefined,
    });
    expect(config.sms.provider).toBe('outbox');
  });

  it('runs the nightly close on CLOSE_WORKERS connections on PostgreSQL, on one with PGlite', () => {
    expect(loadConfig({}).servicing.closeWorkers).toBe(1);
    expect(loadConfig({ CLOSE_WORKERS: '4' }).servicing.closeWorkers).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/lk' }).servicing.closeWorkers).toBe(2);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/lk', CLOSE_WORKERS: '4' }).servicing.closeWorkers).toBe(
      4,
    );
    expect(() => loadConfig({ CLOSE_WORKERS: '0' })).toThrow(/CLOSE_WORKERS/);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY/);
  });

  it('refuses production without secrets and with the fake SMS gateway', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /ENCRYPTION_KEY[\s\S]*HASH_KEY[\s\S]*DATABASE_URL[\s\S]*SMS_PROVIDER/,
    );
  });

  it('starts production with real secrets and an explicitly allowed fake', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ENCRYPTION_KEY: KEY,
      HASH_KEY: KEY,
      DATABASE_URL: 'postgres://db/lk',
      ALLOW_FAKE_ADAPTERS: 'true',
    });
    expect(config).toMatchObject({ production: true, demo: false, secureCookies: true });
  });

  it('refuses the fake acquirer in production, and needs the YooKassa shop keys', () => {
    const base = {
      NODE_ENV: 'production',
      ENCRYPTION_KEY: KEY,
      HASH_KEY: KEY,
      DATABASE_URL: 'postgres://db/lk',
      SMS_PROVIDER: 'smsru',
      SMSRU_API_ID: 'x',
    };
    expect(() => loadConfig(base)).toThrow(/ACQUIRING_PROVIDER/);
    expect(() => loadConfig({ ...base, ACQUIRING_PROVIDER: 'yookassa' })).toThrow(/YOOKASSA_SHOP_ID/);
    expect(loadConfig({ ...base, ALLOW_FAKE_ADAPTERS: 'true' }).acquiring.provider).toBe('fake');
  });

  it('needs the SMS.ru key when SMS.ru is chosen', () => {
    const base = {
      NODE_ENV: 'production',
      ENCRYPTION_KEY: KEY,
      HASH_KEY: KEY,
      DATABASE_URL: 'postgres://db/lk',
      ACQUIRING_PROVIDER: 'yookassa',
      YOOKASSA_SHOP_ID: 'shop',
      YOOKASSA_SHOP_SECRET_KEY: 'secret',
      ADDRESS_PROVIDER: 'dadata',
      DADATA_API_KEY: 'token',
    };
    expect(() => loadConfig({ ...base, SMS_PROVIDER: 'smsru' })).toThrow(/SMSRU_API_ID/);
    expect(loadConfig({ ...base, SMS_PROVIDER: 'smsru', SMSRU_API_ID: 'x' }).sms.provider).toBe('smsru');
  });

  it('refuses the built-in address list in production, and needs the DaData key', () => {
    const base = {
      NODE_ENV: 'production',
      ENCRYPTION_KEY: KEY,
      HASH_KEY: KEY,
      DATABASE_URL: 'postgres://db/lk',
      SMS_PROVIDER: 'smsru',
      SMSRU_API_ID: 'x',
      ACQUIRING_PROVIDER: 'yookassa',
      YOOKASSA_SHOP_ID: 'shop',
      YOOKASSA_SHOP_SECRET_KEY: 'secret',
    };
    expect(() => loadConfig(base)).toThrow(/ADDRESS_PROVIDER/);
    expect(() => loadConfig({ ...base, ADDRESS_PROVIDER: 'dadata' })).toThrow(/DADATA_API_KEY/);
    const config = loadConfig({ ...base, ADDRESS_PROVIDER: 'dadata', DADATA_API_KEY: 'token' });
    expect(config.address).toMatchObject({ provider: 'dadata', dadata: { apiKey: 'token' } });
  });

  it('Telegram: the fake bot in demo, none by default in production, the fake refused there; grammY needs its keys', () => {
    expect(loadConfig({}).telegram).toMatchObject({ provider: 'fake', username: 'demo_mfo_bot' });
    const production = {
      NODE_ENV: 'production',
      ENCRYPTION_KEY: KEY,
      HASH_KEY: KEY,
      DATABASE_URL: 'postgres://db/lk',
      ALLOW_FAKE_ADAPTERS: 'true',
    };
    expect(loadConfig(production).telegram.provider).toBe('off');
    expect(() =>
      loadConfig({
        ...production,
        ALLOW_FAKE_ADAPTERS: 'false',
        SMS_PROVIDER: 'smsru',
        TELEGRAM_BOT: 'fake',
      }),
    ).toThrow(/TELEGRAM_BOT: the fake bot is refused/);
    expect(() => loadConfig({ TELEGRAM_BOT: 'grammy' })).toThrow(/TELEGRAM_BOT_TOKEN/);
    const grammy = {
      TELEGRAM_BOT: 'grammy',
      TELEGRAM_BOT_TOKEN: '1:x',
      TELEGRAM_BOT_USERNAME: 'lender_bot',
      TELEGRAM_WEBHOOK_SECRET: 'short',
    };
    expect(() => loadConfig(grammy)).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    const secret = 'a'.repeat(32);
    expect(() =>
      loadConfig({ ...grammy, TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_SET_WEBHOOK: 'true' }),
    ).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ ...grammy, TELEGRAM_WEBHOOK_SECRET: secret }).telegram).toMatchObject({
      provider: 'grammy',
      apiRoot: 'https://api.telegram.org',
    });
  });

  it('e-mail: the outbox in demo and in production with fakes allowed, none otherwise; SMTP needs its server and sender', () => {
    expect(loadConfig({}).email.provider).toBe('outbox');
    const production = {
      NODE_ENV: 'production',
      ENCRYPTION_KEY: KEY,
      HASH_KEY: KEY,
      DATABASE_URL: 'postgres://db/lk',
      SMS_PROVIDER: 'smsru',
      SMSRU_API_ID: 'id',
      ACQUIRING_PROVIDER: 'yookassa',
      YOOKASSA_SHOP_ID: 'shop',
      YOOKASSA_SHOP_SECRET_KEY: 'secret',
      ADDRESS_PROVIDER: 'dadata',
      DADATA_API_KEY: 'token',
    };
    expect(loadConfig(production).email.provider).toBe('off');
    expect(loadConfig({ ...production, ALLOW_FAKE_ADAPTERS: 'true' }).email.provider).toBe('outbox');
    expect(() => loadConfig({ ...production, EMAIL_PROVIDER: 'outbox' })).toThrow(
      /EMAIL_PROVIDER: the outbox fake is refused/,
    );
    expect(() => loadConfig({ EMAIL_PROVIDER: 'smtp' })).toThrow(/SMTP_URL, EMAIL_FROM: required/);
    expect(() =>
      loadConfig({ EMAIL_PROVIDER: 'smtp', SMTP_URL: 'https://mail.example.ru', EMAIL_FROM: 'a@example.ru' }),
    ).toThrow(/SMTP_URL: адрес вида smtp:/);
    const smtp = {
      EMAIL_PROVIDER: 'smtp',
      SMTP_URL: 'smtps://lk:secret@mail.example.ru:465',
      EMAIL_FROM: 'Смсфинанс <noreply@example.ru>',
    };
    expect(loadConfig({ ...production, ...smtp }).email).toEqual({
      provider: 'smtp',
      smtp: { url: smtp.SMTP_URL, from: smtp.EMAIL_FROM },
    });
  });

  it('Gosuslugi and T-ID: fakes in demo, none by default in production, fakes and the local signer refused there', () => {
    expect(loadConfig({}).identityProviders).toMatchObject({ esia: 'fake', tid: 'fake', clockSkewSec: 60 });
    const prod = {
      NODE_ENV: 'production',
      ENCRYPTION_KEY: KEY,
      HASH_KEY: KEY,
      DATABASE_URL: 'postgres://db/lk',
      ALLOW_FAKE_ADAPTERS: 'true',
    };
    expect(loadConfig(prod).identityProviders).toMatchObject({ esia: 'off', tid: 'off' });
    const strict = { ...prod, ALLOW_FAKE_ADAPTERS: 'false', SMS_PROVIDER: 'smsru', SMSRU_API_ID: 'x' };
    expect(() => loadConfig({ ...strict, ESIA_PROVIDER: 'fake' })).toThrow(/ESIA_PROVIDER/);
    expect(() => loadConfig({ ...strict, TID_PROVIDER: 'fake' })).toThrow(/TID_PROVIDER/);
    const esia = { ESIA_PROVIDER: 'esia', ESIA_CLIENT_ID: 'MFO', PUBLIC_URL: 'https://lk.example.ru' };
    expect(() => loadConfig({ ...strict, ...esia })).toThrow(/ESIA_SIGNER/);
    expect(() => loadConfig({ ...esia, ESIA_SIGNER: 'http' })).toThrow(/ESIA_SIGNER_URL/);
    expect(() => loadConfig({ ESIA_PROVIDER: 'esia' })).toThrow(/ESIA_CLIENT_ID[\s\S]*PUBLIC_URL/);
    expect(() => loadConfig({ TID_PROVIDER: 'tid' })).toThrow(/TID_CLIENT_ID/);
    expect(() => loadConfig({ IDP_CLOCK_SKEW_SECONDS: '-1' })).toThrow(/IDP_CLOCK_SKEW_SECONDS/);
  });
});
