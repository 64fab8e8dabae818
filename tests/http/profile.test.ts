import { describe, expect, it } from 'vitest';
import { newPerson, registerBorrower, useTestApp, clientsOf } from '../support/test-app';

const t = useTestApp();

const client = clientsOf(t, '100.64.0');

describe('profile', () => {
  it('the borrower changes their passport; the old one goes to the history, masked', async () => {
    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    const next = {
      ...newPerson().passport,
      issueDate: '2026-10-01',
      issuedBy: 'ГУ МВД России по Московской области',
    };
    const changed = await c.put('/api/me/passport', next);
    expect(changed.statusCode).toBe(200);
    expect(changed.json().passport).toEqual(next);
    const history = (await c.get('/api/me/passport-history')).json();
    expect(history).toEqual([
      expect.objectContaining({
        seriesAndNumberMasked: `${person.passport.series.slice(0, 2)}** ***${person.passport.number.slice(-3)}`,
        issueDate: person.passport.issueDate,
      }),
    ]);
  });

  it('PERSON_ALREADY_REGISTERED when the new passport is someone else’s, current or former', async () => {
    const other = client();
    const { person: otherPerson } = await registerBorrower(other, t.deps);
    const oldPassport = otherPerson.passport;
    await other.put('/api/me/passport', { ...newPerson().passport, issueDate: '2026-01-10' });

    const c = client();
    await registerBorrower(c, t.deps);
    for (const passport of [oldPassport, (await other.get('/api/me')).json().passport]) {
      const answer = await c.put('/api/me/passport', passport);
      expect(answer.statusCode).toBe(409);
      expect(answer.json().code).toBe('PERSON_ALREADY_REGISTERED');
    }
  });

  it('another borrower sees only their own data', async () => {
    const a = client();
    const b = client();
    const { me: meA } = await registerBorrower(a, t.deps);
    const { me: meB } = await registerBorrower(b, t.deps);
    expect((await a.get('/api/me')).json().id).toBe(meA.id);
    expect((await b.get('/api/me')).json().id).toBe(meB.id);
    const sessionsA = (await a.get('/api/me/sessions')).json();
    const sessionsB = (await b.get('/api/me/sessions')).json();
    const idsA = sessionsA.map((s: { id: string }) => s.id);
    expect(sessionsB.some((s: { id: string }) => idsA.includes(s.id))).toBe(false);
    expect((await b.get('/api/me/passport-history')).json()).toEqual([]);
  });

  it.each([
    ['GET', '/api/me'],
    ['PUT', '/api/me/passport'],
    ['GET', '/api/me/passport-history'],
    ['GET', '/api/me/sessions'],
    ['DELETE', `/api/me/sessions/${crypto.randomUUID()}`],
    ['POST', '/api/me/sessions/end-others'],
  ] as const)('%s %s needs a signed-in borrower: UNAUTHENTICATED', async (method, url) => {
    const answer = await client().request(method, url, method === 'PUT' ? newPerson().passport : undefined);
    expect(answer.statusCode).toBe(401);
    expect(answer.json().code).toBe('UNAUTHENTICATED');
  });
});
