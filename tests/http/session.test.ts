import { describe, expect, it } from 'vitest';
import { clientsOf, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '100.64.7');

describe('GET /api/session: who is on the site, never an error for a guest', () => {
  it('a guest gets 200 { signedIn: false } and nothing else', async () => {
    const answer = await client().get('/api/session');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ signedIn: false });
  });

  it('a borrower gets their own data, another borrower theirs, and after sign-out a guest’s answer', async () => {
    const a = client();
    const b = client();
    const { me: meA } = await registerBorrower(a, t.deps);
    const { me: meB } = await registerBorrower(b, t.deps);
    expect((await a.get('/api/session')).json()).toEqual({ signedIn: true, me: meA });
    expect((await b.get('/api/session')).json()).toEqual({ signedIn: true, me: meB });
    expect(meA.id).not.toBe(meB.id);

    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await a.get('/api/session');
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ signedIn: false });
  });

  it('a forged or ended session cookie is a guest too', async () => {
    const answer = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: 'sid=forged-token' },
      remoteAddress: '100.64.7.200',
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ signedIn: false });
  });
});
