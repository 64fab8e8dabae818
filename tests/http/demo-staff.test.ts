import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStaffRows } from '../../src/server/modules/backoffice/staff-access-repository';
import { DEMO_STAFF, seedDemoStaff } from '../../src/server/modules/backoffice/demo-staff';
import { totpCode } from '../../src/server/security/totp';
import { TestClient, startTestApp, type TestApp } from '../support/test-app';

const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
  DATABASE_URL: 'postgres://unused/lk',
  ALLOW_FAKE_ADAPTERS: 'true',
};

describe('demo staff: seeded once, enrolled, listed on /dev/staff', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('seeds a specialist, a senior and an admin, and seeding again (a restart) adds nothing', async () => {
    const before = await listStaffRows(t.deps.db);
    expect(before.map((r) => [r.login, r.role, r.totpEnrolledAt !== null])).toEqual(
      expect.arrayContaining([
        ['specialist', 'specialist', true],
        ['senior', 'senior', true],
        ['admin', 'admin', true],
      ]),
    );
    await seedDemoStaff(t.deps);
    expect(await listStaffRows(t.deps.db)).toHaveLength(before.length);
  });

  it('/dev/staff shows logins, passwords, secrets and the current code, and the code signs in', async () => {
    const answer = await new TestClient(t.app).get('/api/dev/staff');
    expect(answer.statusCode).toBe(200);
    const rows = answer.json<{ login: string; password: string; totpSecret: string; code: string }[]>();
    expect(rows.map((r) => r.login)).toEqual(DEMO_STAFF.map((d) => d.login));
    const senior = rows.find((r) => r.login === 'senior')!;
    expect(senior.code).toBe(await totpCode(senior.totpSecret, t.clock.now()));
    const client = new TestClient(t.app, '198.51.100.60');
    const signIn = await client.post('/api/backoffice/sign-in', {
      login: senior.login,
      password: senior.password,
      code: senior.code,
    });
    expect(signIn.statusCode).toBe(200);
    expect((await client.get('/api/backoffice/me')).json()).toMatchObject({
      login: 'senior',
      role: 'senior',
    });
  });
});

describe('production never seeds staff', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: PRODUCTION_ENV });
  });
  afterAll(() => t.close());

  it('has no staff and no /dev/staff', async () => {
    expect(await listStaffRows(t.deps.db)).toEqual([]);
    expect((await new TestClient(t.app).get('/api/dev/staff')).statusCode).toBe(404);
  });
});
