import { describe, expect, it } from 'vitest';
import {
  lastCodeSentTo,
  newPerson,
  registerBorrower,
  useTestApp,
  clientsOf,
  type TestClient,
} from '../support/test-app';

const t = useTestApp();

const client = clientsOf(t, '100.64.0');

type PassportBody = ReturnType<typeof newPerson>['passport'];

/** Both steps of a passport change: the data, then the code the SMS brought. Returns the answer of the second. */
async function changePassport(c: TestClient, phone: string, passport: PassportBody) {
  const sent = await c.post('/api/me/passport/code', { passport });
  if (sent.statusCode >= 300) return sent;
  return c.put('/api/me/passport', { passport, code: await lastCodeSentTo(t.deps, phone) });
}

describe('profile', () => {
  it('the borrower changes their passport; the old one goes to the history, masked', async () => {
    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    const next = {
      ...newPerson().passport,
      issueDate: '2026-10-01',
      issuedBy: 'ГУ МВД России по Московской области',
    };
    const changed = await changePassport(c, person.phone, next);
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
    await changePassport(other, otherPerson.phone, { ...newPerson().passport, issueDate: '2026-01-10' });

    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    for (const passport of [oldPassport, (await other.get('/api/me')).json().passport]) {
      const answer = await changePassport(c, person.phone, passport);
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
    ['POST', '/api/me/passport/code'],
    ['PUT', '/api/me/passport'],
    ['GET', '/api/me/passport-history'],
    ['GET', '/api/me/sessions'],
    ['DELETE', `/api/me/sessions/${crypto.randomUUID()}`],
    ['POST', '/api/me/sessions/end-others'],
  ] as const)('%s %s needs a signed-in borrower: UNAUTHENTICATED', async (method, url) => {
    const passport = newPerson().passport;
    const body = {
      'POST /api/me/passport/code': { passport },
      'PUT /api/me/passport': { passport, code: '123456' },
    };
    const answer = await client().request(method, url, body[`${method} ${url}` as keyof typeof body]);
    expect(answer.statusCode).toBe(401);
    expect(answer.json().code).toBe('UNAUTHENTICATED');
  });
});
