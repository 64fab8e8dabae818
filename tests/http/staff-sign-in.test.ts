import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/server/adapters/db/schema';
import { findStaffByLogin, insertStaff } from '../../src/server/modules/backoffice/staff-repository';
import { updateStaff } from '../../src/server/modules/backoffice/staff-access-repository';
import { hashPassword, passwordNeedsRehash } from '../../src/server/security/secrets';
import { totpCode } from '../../src/server/security/totp';
import { hashWithFormerDefaults } from '../support/passwords';
import { TestClient, startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'Очень-длинный-пароль-1';

describe('staff sign-in: password + TOTP, enrolment, brute force', () => {
  let t: TestApp;
  let passwordHash: string;
  beforeAll(async () => {
    t = await startTestApp();
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(() => t.close());

  const newMember = async (login: string, role: 'specialist' | 'senior' | 'admin' = 'specialist') =>
    insertStaff(t.deps.db, { login, displayName: 'Тест', role, passwordHash });

  /** Enrols the member through the API; returns the secret. */
  const enrol = async (client: TestClient, login: string) => {
    const step = await client.post('/api/backoffice/sign-in', { login, password: PASSWORD });
    expect(step.statusCode).toBe(200);
    const body = step.json();
    expect(body.status).toBe('enrolment');
    expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const confirm = await client.post('/api/backoffice/sign-in', {
      login,
      password: PASSWORD,
      code: await totpCode(body.secret, t.clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({ status: 'signed-in', me: { login } });
    return body.secret as string;
  };

  it('enrols at the first sign-in, then needs the code; the secret is stored encrypted', async () => {
    await newMember('enrol.me', 'senior');
    const client = new TestClient(t.app, '198.51.100.20');
    const secret = await enrol(client, 'enrol.me');
    expect((await client.get('/api/backoffice/me')).json()).toMatchObject({
      login: 'enrol.me',
      role: 'senior',
    });

    const row = await findStaffByLogin(t.deps.db, 'enrol.me');
    expect(row?.totpEnrolledAt).not.toBeNull();
    expect(row?.totpSecretEncrypted).not.toContain(secret);
    expect(t.deps.cipher.decrypt(row!.totpSecretEncrypted!)).toBe(secret);

    const other = new TestClient(t.app, '198.51.100.21');
    const noCode = await other.post('/api/backoffice/sign-in', { login: 'enrol.me', password: PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().detail).toBe('Неверный логин, пароль или код');
    // A code one step (30 s) old is still taken; two steps old is not.
    t.clock.advance(90_000);
    const old = await totpCode(secret, new Date(t.clock.now().getTime() - 30_000));
    const ok = await other.post('/api/backoffice/sign-in', {
      login: 'enrol.me',
      password: PASSWORD,
      code: old,
    });
    expect(ok.statusCode).toBe(200);
    expect(other.hasCookie('bsid')).toBe(true);
    const tooOld = await totpCode(secret, new Date(t.clock.now().getTime() - 90_000));
    const refused = await new TestClient(t.app, '198.51.100.22').post('/api/backoffice/sign-in', {
      login: 'enrol.me',
      password: PASSWORD,
      code: tooOld,
    });
    expect(refused.statusCode).toBe(401);
  });

  it('a wrong login, password or code, and a blocked member, answer alike and are audited', async () => {
    const member = await newMember('alike');
    const client = new TestClient(t.app, '198.51.100.30');
    const secret = await enrol(client, 'alike');
    const code = await totpCode(secret, t.clock.now());
    const tries = [
      { login: 'nobody-here', password: PASSWORD, code },
      { login: 'alike', password: 'wrong-password', code },
      { login: 'alike', password: PASSWORD, code: code === '000000' ? '111111' : '000000' },
    ];
    for (const body of tries) {
      const answer = await new TestClient(t.app, '198.51.100.31').post('/api/backoffice/sign-in', body);
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        detail: 'Неверный логин, пароль или код',
      });
    }
    await updateStaff(t.deps.db, member.id, { status: 'blocked' });
    const blocked = await new TestClient(t.app, '198.51.100.32').post('/api/backoffice/sign-in', {
      login: 'alike',
      password: PASSWORD,
      code,
    });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().detail).toBe('Неверный логин, пароль или код');

    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, member.id));
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('backoffice.signed-in');
    expect(actions).toContain('backoffice.totp-enrolled');
    expect(actions.filter((a) => a === 'backoffice.sign-in-failed')).toHaveLength(3);
  });

  it('failures earn a pause per login and IP; a borrower-style flood never throttles staff sign-in', async () => {
    await newMember('pause.me');
    const client = new TestClient(t.app, '198.51.100.40');
    const secret = await enrol(client, 'pause.me');
    const attacker = new TestClient(t.app, '198.51.100.41');
    const answers: number[] = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        (await attacker.post('/api/backoffice/sign-in', { login: 'pause.me', password: 'x' })).statusCode,
      );
    expect(answers.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(answers[4]).toBe(429);

    // Borrower sign-in failures from the same address use other limiter keys: staff sign-in still works.
    for (let i = 0; i < 5; i++)
      expect(
        (await client.post('/api/auth/login', { phone: '+79990000000', password: 'wrong-password' }))
          .statusCode,
      ).toBeOneOf([401, 429]);
    const ok = await client.post('/api/backoffice/sign-in', {
      login: 'pause.me',
      password: PASSWORD,
      // The enrolment used this step's code; the next step's code is within the ±1 step tolerance.
      code: await totpCode(secret, new Date(t.clock.now().getTime() + 30_000)),
    });
    expect(ok.statusCode).toBe(200);
  });

  it('a code is accepted once: the same code again, or an earlier one, is refused (RFC 6238 §5.2)', async () => {
    await newMember('replay.me');
    const secret = await enrol(new TestClient(t.app, '198.51.100.50'), 'replay.me');
    t.clock.advance(30_000);
    const code = await totpCode(secret, t.clock.now());
    const signIn = (c: string, ip: string) =>
      new TestClient(t.app, ip).post('/api/backoffice/sign-in', {
        login: 'replay.me',
        password: PASSWORD,
        code: c,
      });
    // Two concurrent sign-ins with one code: exactly one opens a session.
    const both = await Promise.all([signIn(code, '198.51.100.51'), signIn(code, '198.51.100.52')]);
    expect(both.map((a) => a.statusCode).sort()).toEqual([200, 401]);
    const again = await signIn(code, '198.51.100.53');
    expect(again.statusCode).toBe(401);
    expect(again.json().detail).toBe('Неверный логин, пароль или код');
    const earlier = await totpCode(secret, new Date(t.clock.now().getTime() - 30_000));
    expect((await signIn(earlier, '198.51.100.54')).statusCode).toBe(401);
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'backoffice.sign-in-failed'));
    expect(rows.some((r) => (r.details as { reason?: string } | null)?.reason === 'code-reused')).toBe(true);
  });

  it('replaces a hash made with older argon2 parameters once the member signs in with the code', async () => {
    await newMember('old.hash');
    const client = new TestClient(t.app, '198.51.100.40');
    const secret = await enrol(client, 'old.hash');
    const old = await hashWithFormerDefaults(PASSWORD);
    const member = await findStaffByLogin(t.deps.db, 'old.hash');
    await updateStaff(t.deps.db, member!.id, { passwordHash: old });

    const other = new TestClient(t.app, '198.51.100.41');
    const withoutCode = await other.post('/api/backoffice/sign-in', {
      login: 'old.hash',
      password: PASSWORD,
    });
    expect(withoutCode.statusCode).toBe(401);
    expect((await findStaffByLogin(t.deps.db, 'old.hash'))?.passwordHash).toBe(old);

    t.clock.advance(60_000); // the enrolment's code is spent: the next step's
    const signedIn = await other.post('/api/backoffice/sign-in', {
      login: 'old.hash',
      password: PASSWORD,
      code: await totpCode(secret, t.clock.now()),
    });
    expect(signedIn.json()).toMatchObject({ status: 'signed-in' });
    const rehashed = (await findStaffByLogin(t.deps.db, 'old.hash'))!.passwordHash;
    expect(rehashed).not.toBe(old);
    expect(await passwordNeedsRehash(rehashed)).toBe(false);
  });
});
