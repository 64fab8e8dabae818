import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, borrowers, knownSignInSources } from '../../src/server/adapters/db/schema';
import { queriesDuring } from '../support/queries';
import { passwordNeedsRehash } from '../../src/server/security/secrets';
import { hashWithFormerDefaults } from '../support/passwords';
import {
  clientsOf,
  lastCodeSentTo,
  newPerson,
  registerBorrower,
  TestClient,
  useTestApp,
} from '../support/test-app';

const t = useTestApp();

const client = clientsOf(t, '192.0.2');

describe('sign-in and sessions', () => {
  it('a wrong phone and a wrong password answer alike', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const wrongPassword = await client().post('/api/auth/login', {
      phone: person.phone,
      password: 'Не-тот-пароль-1',
    });
    const unknownPhone = await client().post('/api/auth/login', {
      phone: newPerson().phone,
      password: person.password,
    });
    for (const answer of [wrongPassword, unknownPhone]) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        detail: 'Неверный номер телефона или пароль',
      });
    }
  });

  it('signs in with a new session every time and signs out', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const c = client();
    const signedIn = await c.post('/api/auth/login', { phone: person.phone, password: person.password });
    expect(signedIn.statusCode).toBe(200);
    // Two cookies now: the session and the device cookie (issue 10, item 5).
    expect([signedIn.headers['set-cookie']].flat().join('\n')).toMatch(/sid=.*HttpOnly.*SameSite=Lax/);
    expect((await c.get('/api/me')).json().phone).toBe(person.phone);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/me')).json().code).toBe('UNAUTHENTICATED');
  });

  it('writes the session, its audit record and the device and address in one statement, after one read', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const c = client();
    const { result: signedIn, queries } = await queriesDuring(t.database, () =>
      c.post('/api/auth/login', { phone: person.phone, password: person.password }),
    );
    expect(signedIn.statusCode).toBe(200);
    expect(queries, queries.join('\n')).toHaveLength(2);
    expect(queries[1]).toMatch(
      /^with .*insert into "audit_log".*insert into "known_sign_in_sources".*insert into "sessions"/is,
    );
    const borrowerId = (await c.get('/api/me')).json<{ id: string }>().id;
    const [audited] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, borrowerId), eq(auditLog.action, 'auth.signed-in')));
    expect(audited).toMatchObject({ actorType: 'borrower', ip: expect.any(String) });
    const sources = await t.database.db
      .select()
      .from(knownSignInSources)
      .where(eq(knownSignInSources.borrowerId, borrowerId));
    // The address and the device (the cookie the first answer set).
    expect(sources).toHaveLength(2);
  });

  it('writes nothing to the known sources when the device and the address were both seen within the day', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const c = client();
    const signIn = async () => {
      const { result, queries } = await queriesDuring(t.database, () =>
        c.post('/api/auth/login', { phone: person.phone, password: person.password }),
      );
      expect(result.statusCode).toBe(200);
      // The sign-in's read and its write come last (a session already open is ended before them).
      expect(queries.at(-2)).toMatch(/^select .* from "borrowers"/is);
      return queries.at(-1)!;
    };
    const remembers = /insert into "known_sign_in_sources"/i;
    // The first sign-in of this device remembers it (and the address).
    expect(await signIn()).toMatch(remembers);
    // The same device and address again, an hour later: the session and its audit record only.
    t.clock.advance(60 * 60_000);
    const again = await signIn();
    expect(again).toMatch(/^with .*insert into "audit_log".*insert into "sessions"/is);
    expect(again).not.toMatch(remembers);
    // Exactly a day after they were last seen they are still fresh; a moment later they are refreshed.
    t.clock.advance(23 * 60 * 60_000);
    expect(await signIn()).not.toMatch(remembers);
    t.clock.advance(1);
    expect(await signIn()).toMatch(remembers);
    // A new device of the same account (the address known and fresh) is remembered at once.
    const newDevice = new TestClient(t.app, c.ip);
    const { queries } = await queriesDuring(t.database, () =>
      newDevice.post('/api/auth/login', { phone: person.phone, password: person.password }),
    );
    expect(queries.at(-1)).toMatch(remembers);
  });

  it('refreshes a known source when it was last seen more than a day ago, not on every sign-in', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const c = client();
    const signIn = () => c.post('/api/auth/login', { phone: person.phone, password: person.password });
    const lastSeen = async () => {
      const borrowerId = (await c.get('/api/me')).json<{ id: string }>().id;
      const rows = await t.database.db
        .select({ at: knownSignInSources.lastSeenAt })
        .from(knownSignInSources)
        .where(eq(knownSignInSources.borrowerId, borrowerId));
      return rows.map((r) => r.at.getTime()).sort();
    };
    expect((await signIn()).statusCode).toBe(200);
    const first = await lastSeen();
    expect(first).toHaveLength(2);
    t.clock.advance(60 * 60_000);
    expect((await signIn()).statusCode).toBe(200);
    expect(await lastSeen()).toEqual(first);
    t.clock.advance(24 * 60 * 60_000);
    expect((await signIn()).statusCode).toBe(200);
    const later = await lastSeen();
    expect(later).toHaveLength(2);
    for (const at of later) expect(at).toBe(first[0]! + 25 * 60 * 60_000);
  });

  it('slows brute force: a growing pause per phone and IP that does not lock the owner out elsewhere', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const attacker = client();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await attacker.post('/api/auth/login', { phone: person.phone, password: `Угадываю-${i}` })).json()
          .code,
      );
    }
    expect(codes).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'TOO_MANY_ATTEMPTS',
    ]);
    const paused = await attacker.post('/api/auth/login', { phone: person.phone, password: person.password });
    expect(paused.statusCode).toBe(429);
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(0);
    // The owner, from their own address, is not affected.
    const owner = await client().post('/api/auth/login', { phone: person.phone, password: person.password });
    expect(owner.statusCode).toBe(200);
  });

  it('lists own sessions, ends another one, and cannot end a stranger’s (SESSION_NOT_FOUND)', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const laptop = client();
    const phone = client();
    await laptop.post('/api/auth/login', { phone: person.phone, password: person.password });
    await phone.post('/api/auth/login', { phone: person.phone, password: person.password });
    const list = (await laptop.get('/api/me/sessions')).json();
    expect(list).toHaveLength(3); // registration, laptop, phone
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list[0]).toMatchObject({ device: 'Chrome, Linux' });

    const stranger = client();
    await registerBorrower(stranger, t.deps);
    const foreign = list.find((s: { current: boolean }) => !s.current).id;
    const refused = await stranger.delete(`/api/me/sessions/${foreign}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('SESSION_NOT_FOUND');
    expect((await laptop.get('/api/me/sessions')).json()).toHaveLength(3);

    const ended = await laptop.post('/api/me/sessions/end-others');
    expect(ended.json()).toEqual({ ended: 2 });
    expect((await phone.get('/api/me')).json().code).toBe('UNAUTHENTICATED');
    expect((await laptop.get('/api/me')).statusCode).toBe(200);
  });

  it('expires a session after idle time', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    t.clock.advance(31 * 60_000);
    expect((await c.get('/api/me')).json().code).toBe('UNAUTHENTICATED');
  });
});

describe('password recovery', () => {
  it('phone → code → new password; every session ends; the new password works, the old does not', async () => {
    const original = client();
    const { person } = await registerBorrower(original, t.deps);
    const c = client();
    const started = await c.post('/api/password-recovery', { phone: person.phone });
    expect(started.statusCode).toBe(201);
    const code = await lastCodeSentTo(t.deps, person.phone);
    const weak = await c.post(`/api/password-recovery/${started.json().id}/complete`, {
      code,
      newPassword: '12345678',
    });
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK', errors: [{ path: 'newPassword' }] });
    const done = await c.post(`/api/password-recovery/${started.json().id}/complete`, {
      code,
      newPassword: 'Осень-2026-новый',
    });
    expect(done.statusCode).toBe(200);
    expect((await original.get('/api/me')).json().code).toBe('UNAUTHENTICATED');
    expect(
      (await client().post('/api/auth/login', { phone: person.phone, password: person.password })).statusCode,
    ).toBe(401);
    expect(
      (await client().post('/api/auth/login', { phone: person.phone, password: 'Осень-2026-новый' }))
        .statusCode,
    ).toBe(200);
    const again = await c.post(`/api/password-recovery/${started.json().id}/complete`, {
      code,
      newPassword: 'Осень-2026-новый',
    });
    expect(again.json().code).toBe('RECOVERY_NOT_FOUND');
  });

  it('answers an unknown phone exactly like a known one and sends nothing', async () => {
    const stranger = newPerson();
    const answer = await client().post('/api/password-recovery', { phone: stranger.phone });
    expect(answer.statusCode).toBe(201);
    expect(Object.keys(answer.json()).sort()).toEqual([
      'codeLength',
      'expiresInSec',
      'id',
      'phoneMasked',
      'resendAvailableInSec',
    ]);
    await expect(lastCodeSentTo(t.deps, stranger.phone)).rejects.toThrow();
    const guess = await client().post(`/api/password-recovery/${answer.json().id}/complete`, {
      code: '123456',
      newPassword: 'Осень-2026-новый',
    });
    expect(guess.json().code).toBe('CODE_INVALID');
  });
});

describe('a password hash made with older argon2 parameters', () => {
  it('is replaced with today’s parameters at the next successful sign-in, and the password still works', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const old = await hashWithFormerDefaults(person.password);
    await t.database.db.update(borrowers).set({ passwordHash: old }).where(eq(borrowers.phone, person.phone));
    expect(
      (await client().post('/api/auth/login', { phone: person.phone, password: person.password })).statusCode,
    ).toBe(200);
    const [row] = await t.database.db.select().from(borrowers).where(eq(borrowers.phone, person.phone));
    expect(row!.passwordHash).not.toBe(old);
    expect(await passwordNeedsRehash(row!.passwordHash)).toBe(false);
    expect(
      (await client().post('/api/auth/login', { phone: person.phone, password: person.password })).statusCode,
    ).toBe(200);
  });
});
