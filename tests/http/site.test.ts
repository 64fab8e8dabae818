import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../src/contracts';
import { TestClient, newPerson, registerBorrower, startTestApp, type TestApp } from '../support/test-app';

const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
  DATABASE_URL: 'postgres://unused/lk',
  ALLOW_FAKE_ADAPTERS: 'true',
};

describe('site in demo mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('health, readiness and status', async () => {
    expect((await t.app.inject('/api/health')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/api/ready')).json()).toEqual({ status: 'ready' });
    expect((await t.app.inject('/api/status')).json()).toMatchObject({ maintenance: false, demo: true });
  });

  it('publishes the OpenAPI document of every endpoint', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const endpoint of Object.values(api)) {
      const path = endpoint.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[endpoint.method.toLowerCase()], `${endpoint.method} ${path}`).toBeDefined();
    }
  });

  it('answers unknown API paths and malformed JSON with problem+json', async () => {
    const missing = await t.app.inject('/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
    const csrf = await t.app.inject('/api/csrf');
    const cookie = csrf.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.json().token, cookie },
      payload: '{"phone": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: 'Запрос не удалось прочитать: проверьте формат данных',
    });
  });

  it('shows the SMS outbox on the developer page', async () => {
    const person = newPerson();
    await new TestClient(t.app).post('/api/registration', { phone: person.phone, password: person.password });
    const outbox = (await t.app.inject('/api/dev/sms')).json();
    expect(outbox[0]).toMatchObject({ phone: person.phone, text: expect.stringMatching(/^\d{6} — код/) });
  });

  it('sends security headers and a strict CSP', async () => {
    const answer = await t.app.inject('/api/health');
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-request-id']).toBeDefined();
  });
});

describe('maintenance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAINTENANCE_MODE: 'true' } });
  });
  afterAll(() => t.close());

  it('borrower actions answer 503 MAINTENANCE; health and status stay up', async () => {
    const client = new TestClient(t.app);
    const login = await client.post('/api/auth/login', { phone: '+79123456789', password: 'Vesna!2026-lk' });
    expect(login.statusCode).toBe(503);
    expect(login.json()).toMatchObject({
      code: 'MAINTENANCE',
      detail: 'На сайте проводятся технические работы. Попробуйте зайти позже',
    });
    expect(
      (await client.post('/api/registration', { phone: '+79123456789', password: 'x' })).statusCode,
    ).toBe(503);
    expect((await client.get('/api/me')).json().code).toBe('MAINTENANCE');
    expect((await t.app.inject('/api/health')).statusCode).toBe(200);
    expect((await t.app.inject('/api/status')).json().maintenance).toBe(true);
  });
});

describe('production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: PRODUCTION_ENV });
  });
  afterAll(() => t.close());

  it('never exposes developer pages', async () => {
    const answer = await t.app.inject('/api/dev/sms');
    expect(answer.statusCode).toBe(404);
    expect((await t.app.inject('/api/status')).json().demo).toBe(false);
  });

  it('sets a Secure __Host- session cookie', async () => {
    const { person } = await registerBorrower(new TestClient(t.app), t.deps);
    const signedIn = await new TestClient(t.app).post('/api/auth/login', {
      phone: person.phone,
      password: person.password,
    });
    // Two cookies now: the session and the device cookie (issue 10, item 5); both Secure and __Host-.
    const cookies = [signedIn.headers['set-cookie']].flat().join('\n');
    expect(cookies).toMatch(/__Host-sid=[^;]+;.*HttpOnly;.*Secure/);
    expect(cookies).toMatch(/__Host-did=[^;]+;.*HttpOnly;.*Secure/);
  });
});

describe('logs', () => {
  it('never contain passwords, codes, passport numbers or full phone numbers', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const t = await startTestApp({ env: { LOG_LEVEL: 'trace' }, logStream: stream });
    try {
      const { person } = await registerBorrower(new TestClient(t.app), t.deps);
      await new TestClient(t.app).post('/api/auth/login', {
        phone: person.phone,
        password: 'wrong-Password-1',
      });
      await new TestClient(t.app).post('/api/registration', {
        phone: person.phone,
        password: person.password,
      });
      const log = lines.join('');
      expect(log.length).toBeGreaterThan(0);
      for (const secret of [
        person.password,
        person.phone,
        person.phone.slice(2),
        person.passport.number,
        'wrong-Password-1',
      ])
        expect(log).not.toContain(secret);
    } finally {
      await t.close();
    }
  });
});
