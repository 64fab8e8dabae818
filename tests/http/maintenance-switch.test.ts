import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/adapters/db/database';
import { auditLog } from '../../src/server/adapters/db/schema';
import { eq } from 'drizzle-orm';
import { backends, freshDatabaseWithTarget } from '../support/databases';
import { borrowerWithLoan } from '../support/servicing';
import { staffClient, type TestStaff } from '../support/staff';
import { registerBorrower, startTestApp, TestClient, useTestApp, type TestApp } from '../support/test-app';

const MAINTENANCE = '/api/backoffice/settings/maintenance';
const OFF = { enabled: false, scope: 'all', message: null, startsAt: null, plannedEnd: null } as const;
const APPLICATION = {
  productId: 'payday',
  amount: '1000000',
  term: 30,
  employment: 'employed',
  monthlyIncome: '15000000',
  payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
};

const statusOf = async (t: Pick<TestApp, 'app'>) => (await t.app.inject('/api/status')).json();

describe('maintenance switched from the back office', () => {
  const t = useTestApp();
  let admin: TestStaff;
  let borrower: TestClient;
  let loanId: string;
  beforeAll(async () => {
    admin = await staffClient(t, 'admin');
    borrower = new TestClient(t.app, '203.0.113.71');
    loanId = (await borrowerWithLoan(t, borrower)).loan.id;
  });
  const inAnHour = () => new Date(t.clock.now().getTime() + 3_600_000).toISOString();
  const payment = () =>
    borrower.post(`/api/me/loans/${loanId}/payments`, {
      idempotencyKey: crypto.randomUUID(),
      purpose: 'custom',
      method: 'card',
      amount: '100000',
    });

  it('only settings.manage may read or switch it; borrowers and guests are refused', async () => {
    for (const role of ['specialist', 'senior'] as const) {
      const { client } = await staffClient(t, role);
      expect((await client.get(MAINTENANCE)).statusCode).toBe(403);
      expect((await client.put(MAINTENANCE, { ...OFF, enabled: true })).statusCode).toBe(403);
    }
    expect((await borrower.put(MAINTENANCE, { ...OFF, enabled: true })).statusCode).toBe(401);
    expect((await new TestClient(t.app).get(MAINTENANCE)).statusCode).toBe(401);
    expect((await statusOf(t)).maintenance).toBe(false);
  });

  it('the whole site: borrower routes answer 503 with Retry-After to the planned end; health, status and staff stay up', async () => {
    const plannedEnd = inAnHour();
    const on = await admin.client.put(MAINTENANCE, {
      enabled: true,
      scope: 'all',
      message: 'Обновляем систему',
      startsAt: null,
      plannedEnd,
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ active: true, activeScope: 'all', floor: false });
    expect(on.json().setting).toMatchObject({ enabled: true, changedBy: 'Тест admin' });

    const answer = await borrower.get('/api/me');
    expect(answer.statusCode).toBe(503);
    expect(answer.json()).toMatchObject({ code: 'MAINTENANCE', detail: 'Обновляем систему' });
    expect(answer.headers['retry-after']).toBe('3600');
    expect((await t.app.inject('/api/health')).statusCode).toBe(200);
    expect(await statusOf(t)).toMatchObject({
      maintenance: true,
      maintenanceScope: 'all',
      maintenanceMessage: 'Обновляем систему',
      maintenancePlannedEnd: plannedEnd.replace(/\.\d+Z$/, '.000Z'),
    });
    expect((await admin.client.get(MAINTENANCE)).statusCode).toBe(200);

    const entries = await t.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'backoffice.maintenance.switched'));
    expect(entries.at(-1)).toMatchObject({ actorType: 'specialist', actorId: admin.staffId });
  });

  it('without a planned end Retry-After is the default', async () => {
    await admin.client.put(MAINTENANCE, { ...OFF, enabled: true });
    expect((await borrower.get('/api/me')).headers['retry-after']).toBe('300');
  });

  it('new applications only: submitting an application is closed, payments and the rest are not', async () => {
    await admin.client.put(MAINTENANCE, { ...OFF, enabled: true, scope: 'applications' });
    const apply = await borrower.post('/api/me/applications', APPLICATION);
    expect(apply.statusCode).toBe(503);
    expect(apply.json().code).toBe('MAINTENANCE');
    expect((await borrower.get('/api/me')).statusCode).toBe(200);
    expect((await payment()).statusCode).toBe(201);
    expect(await statusOf(t)).toMatchObject({ maintenance: true, maintenanceScope: 'applications' });
  });

  it('payments only: starting a payment is closed, applications are not', async () => {
    await admin.client.put(MAINTENANCE, { ...OFF, enabled: true, scope: 'payments' });
    const pay = await payment();
    expect(pay.statusCode).toBe(503);
    expect(pay.headers['retry-after']).toBe('300');
    const other = new TestClient(t.app, '203.0.113.72');
    await registerBorrower(other, t.deps);
    expect((await other.post('/api/me/applications', APPLICATION)).json().code).not.toBe('MAINTENANCE');
  });

  it('planned ahead: nothing is closed yet, the status announces the start', async () => {
    const startsAt = inAnHour();
    const answer = await admin.client.put(MAINTENANCE, { ...OFF, enabled: true, startsAt });
    expect(answer.json()).toMatchObject({ active: false });
    expect(await statusOf(t)).toMatchObject({
      maintenance: false,
      maintenancePlannedStart: startsAt.replace(/\.\d+Z$/, '.000Z'),
    });
    expect((await borrower.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(3_600_000);
    expect((await borrower.get('/api/me')).statusCode).toBe(503);
    // An hour passed: the admin's session idled out; a fresh one goes on.
    admin = await staffClient(t, 'admin');
  });

  it('a planned end before now is refused; switching off opens everything', async () => {
    const past = new Date(t.clock.now().getTime() - 60_000).toISOString();
    const bad = await admin.client.put(MAINTENANCE, { ...OFF, enabled: true, plannedEnd: past });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('plannedEnd');
    expect((await admin.client.put(MAINTENANCE, OFF)).json()).toMatchObject({ active: false });
    // (The first borrower's session idled out during the hour above.)
    borrower = new TestClient(t.app, '203.0.113.73');
    await registerBorrower(borrower, t.deps);
    expect((await borrower.get('/api/me')).statusCode).toBe(200);
    expect((await statusOf(t)).maintenance).toBe(false);
  });
});

describe('MAINTENANCE_MODE is a floor', () => {
  const t = useTestApp({ env: { MAINTENANCE_MODE: 'true', MAINTENANCE_MESSAGE: 'Переезд' } });
  it('the site stays closed whatever the switch says', async () => {
    const admin = await staffClient(t, 'admin');
    const view = await admin.client.put(MAINTENANCE, OFF);
    expect(view.json()).toMatchObject({ floor: true, active: true, activeScope: 'all' });
    expect((await new TestClient(t.app).get('/api/me')).json()).toMatchObject({
      code: 'MAINTENANCE',
      detail: 'Переезд',
    });
    expect((await t.app.inject('/api/health')).statusCode).toBe(200);
  });
});

/** Waits until `check` holds, asking every 50 ms, at most `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check()) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not within ${ms} ms`);
}

describe.each(backends())('two instances on one database (%s)', (backend) => {
  let first: TestApp;
  let second: TestApp;
  let secondDatabase: Database | undefined;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = await freshDatabaseWithTarget(backend);
    drop = target.drop;
    // PGlite lives in one process: both instances share it and poll. PostgreSQL: each has its own pool and LISTEN;
    // a long poll there shows that the notification, not the safety poll, carried the switch.
    first = await startTestApp({ database: target.database, env: { MAINTENANCE_POLL_MS: '200' } });
    if (backend === 'postgres') secondDatabase = await openDatabase({ url: target.env.DATABASE_URL! });
    second = await startTestApp({
      database: secondDatabase ?? target.database,
      env: { MAINTENANCE_POLL_MS: '200' },
    });
  });
  afterAll(async () => {
    await second.app.close();
    await secondDatabase?.close();
    await first.close();
    await drop();
  });

  it('a switch on one instance closes and reopens the other within seconds', async () => {
    const admin = await staffClient(first, 'admin');
    await admin.client.put(MAINTENANCE, { ...OFF, enabled: true, message: 'Работы' });
    const closedAfter = await eventually(async () => (await statusOf(second)).maintenance === true, 3000);
    if (backend === 'postgres') expect(closedAfter).toBeLessThan(1000);
    expect((await new TestClient(second.app).get('/api/me')).statusCode).toBe(503);
    await admin.client.put(MAINTENANCE, OFF);
    await eventually(async () => (await statusOf(second)).maintenance === false, 3000);
    expect((await new TestClient(second.app).get('/api/me')).statusCode).toBe(401);
  });
});
