import { describe, expect, it } from 'vitest';
import { takeLoan } from '../support/servicing';
import { clientsOf, lastCodeSentTo, registerBorrower, TestClient, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '192.0.2');

/** POST /api/auth/login from `ip`, with extra cookies (a device cookie); returns the answer. */
async function loginFrom(ip: string, body: { phone: string; password: string }, cookies = '') {
  const csrf = await t.app.inject({ url: '/api/csrf', remoteAddress: ip });
  const cookie = [...csrf.cookies.map((c) => `${c.name}=${c.value}`), ...(cookies ? [cookies] : [])].join(
    '; ',
  );
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    headers: { 'x-csrf-token': csrf.json().token, cookie },
    payload: body,
  });
}

describe('limits never let a stranger deny a borrower service', () => {
  it('9 anonymous recovery requests for the victim’s phone: the victim still gets a contract-signing code', async () => {
    const victim = client();
    const { person } = await registerBorrower(victim, t.deps);
    const stranger = new TestClient(t.app, '198.51.100.66');
    for (let i = 0; i < 9; i++)
      expect((await stranger.post('/api/password-recovery', { phone: person.phone })).statusCode).toBe(201);
    // Applies, asks for the signing code (the 11th SMS to this phone today) and signs with it.
    const loan = await takeLoan(t, victim, person.phone);
    expect(loan.status).toBe('active');
  });

  it('a stranger who spends the phone’s recovery budget (10 a day) does not spend the owner’s own device budget', async () => {
    const owner = client();
    const { person } = await registerBorrower(owner, t.deps);
    expect(
      (await owner.post('/api/auth/login', { phone: person.phone, password: person.password })).statusCode,
    ).toBe(200);
    expect(owner.hasCookie('did')).toBe(true);

    const stranger = new TestClient(t.app, '198.51.100.67');
    const answers: number[] = [];
    for (let i = 0; i < 11; i++)
      answers.push((await stranger.post('/api/password-recovery', { phone: person.phone })).statusCode);
    expect(answers).toEqual([...Array(10).fill(201), 429]);

    const own = await owner.post('/api/password-recovery', { phone: person.phone });
    expect(own.statusCode).toBe(201);
    expect(await lastCodeSentTo(t.deps, person.phone)).toMatch(/^\d{6}$/);
  });

  it('31 wrong passwords from 20 addresses lock the phone for strangers, not for the owner’s device or address', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const ownerIp = '192.0.2.250';
    const first = await loginFrom(ownerIp, { phone: person.phone, password: person.password });
    expect(first.statusCode).toBe(200);
    const did = first.cookies.find((c) => c.name === 'did');
    expect(did).toMatchObject({ httpOnly: true, sameSite: 'Lax', maxAge: 365 * 86_400 });
    expect(did?.value).toMatch(/^[0-9a-f-]{36}\.[\w-]+$/);

    const answers: string[] = [];
    for (let i = 0; i < 31; i++) {
      const wrong = await loginFrom(`203.0.113.${1 + (i % 20)}`, {
        phone: person.phone,
        password: `Угадываю-${i}`,
      });
      answers.push(wrong.json().code);
    }
    expect(answers.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(31);

    // The lock holds for anyone unknown, even with the right password or a forged device cookie.
    const right = { phone: person.phone, password: person.password };
    const unknown = await loginFrom('198.51.100.200', right);
    expect(unknown.statusCode).toBe(429);
    expect(unknown.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(unknown.headers['retry-after'])).toBeGreaterThan(800);
    const forged = await loginFrom('198.51.100.201', right, `did=${did?.value.split('.')[0]}.forged`);
    expect(forged.statusCode).toBe(429);

    // The owner's device, from a new address, and the owner's address, without the cookie, sign in.
    expect((await loginFrom('198.51.100.202', right, `did=${did?.value}`)).statusCode).toBe(200);
    expect((await loginFrom(ownerIp, right)).statusCode).toBe(200);
  });
});
