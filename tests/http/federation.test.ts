import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/adapters/db/schema';
import { federationReviews, providerLinks } from '../../src/server/adapters/db/schema-federation';
import { choiceFor, identityChoice, signInWithProvider, throughProviderPage } from '../support/federation';
import {
  TestClient,
  clientsOf,
  lastCodeSentTo,
  newPerson,
  registerBorrower,
  useTestApp,
} from '../support/test-app';

const consents = { personal_data: true, simple_signature: true, credit_bureau: true };

describe('sign-up and sign-in through Gosuslugi and T-ID (the demo providers)', () => {
  const t = useTestApp();
  const client = clientsOf(t, '198.51.100');

  it('lists the configured providers for the buttons', async () => {
    const answer = await client().get('/api/federation/providers');
    expect(answer.json()).toEqual([
      { id: 'esia', name: 'Госуслуги' },
      { id: 'tid', name: 'T-ID' },
    ]);
  });

  it('the start link redirects to the provider page with the browser cookie; an unknown provider is a page', async () => {
    const browser = client();
    const answer = await browser.get('/federation/tid/start');
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toMatch(/^\/fake-idp\/tid\/authorize\?state=/);
    expect(browser.hasCookie('fed')).toBe(true);
    const unknown = await browser.get('/federation/vk/start');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Этот способ входа сейчас недоступен');
  });

  it('the demo page sends the browser back only to our own callback', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: '/fake-idp/esia/authorize?state=s&nonce=n&redirect_uri=https%3A%2F%2Fevil.example%2Fcb',
    });
    expect(page.statusCode).toBe(400);
  });

  it('registers through Gosuslugi: locked data, SMS-confirmed phone, no captcha, then signs in with Gosuslugi', async () => {
    const browser = client();
    const person = newPerson();
    const choice = choiceFor(person);
    const callback = await signInWithProvider(t.app, browser, 'esia', choice);
    expect(callback.statusCode).toBe(200);
    const outcome = callback.json<{
      outcome: string;
      attemptId: string;
      person: { locked: boolean; surname: string };
    }>();
    expect(outcome).toMatchObject({ outcome: 'register', person: { locked: true, surname: person.surname } });

    const started = await browser.post(`/api/federation/attempts/${outcome.attemptId}/registration`, {
      phone: person.phone,
      password: person.password,
    });
    expect(started.statusCode).toBe(200);
    const registrationId = started.json<{ id: string }>().id;
    const confirmed = await browser.post(`/api/registration/${registrationId}/confirm`, {
      code: await lastCodeSentTo(t.deps, person.phone),
    });
    expect(confirmed.statusCode).toBe(200);
    // The locked fields are the provider's, whatever the form sends.
    const done = await browser.post(`/api/federation/registrations/${registrationId}/complete`, {
      surname: 'Подменов',
      name: person.name,
      patronymic: person.patronymic,
      birthDate: person.birthDate,
      sex: person.sex,
      passport: person.passport,
      consents,
    });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ surname: person.surname, phone: person.phone });

    const sessions = await browser.get('/api/me/sessions');
    expect(sessions.json<{ method: string }[]>()[0]?.method).toBe('esia');
    const providers = await browser.get('/api/me/providers');
    expect(providers.json()).toMatchObject([{ provider: 'esia', name: 'Госуслуги' }]);

    await browser.post('/api/logout');
    const again = await signInWithProvider(t.app, browser, 'esia', choice);
    expect(again.json()).toMatchObject({ outcome: 'signed-in', me: { phone: person.phone } });
    const session = await browser.get('/api/session');
    expect(session.json()).toMatchObject({ signedIn: true });
    const actions = await t.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorId, done.json<{ id: string }>().id));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['borrower.registered', 'identity.provider-linked', 'auth.signed-in']),
    );
  });

  it('refuses an unconfirmed Gosuslugi account, and a passport not verified yet, with the message', async () => {
    const untrusted = await signInWithProvider(t.app, client(), 'esia', identityChoice({}, 'untrusted'));
    expect(untrusted.statusCode).toBe(403);
    expect(untrusted.json()).toMatchObject({
      code: 'ESIA_ACCOUNT_NOT_TRUSTED',
      detail:
        'Учётная запись на Госуслугах не подтверждена — подтвердите её в центре обслуживания или войдите по номеру телефона',
    });
    const unverified = await signInWithProvider(t.app, client(), 'esia', identityChoice({}, 'unverified'));
    expect(unverified.json()).toMatchObject({ code: 'ESIA_PASSPORT_NOT_VERIFIED' });
  });

  it('a declined consent is its own message', async () => {
    const declined = await signInWithProvider(t.app, client(), 'esia', 'deny');
    expect(declined.statusCode).toBe(400);
    expect(declined.json()).toMatchObject({ code: 'PROVIDER_DECLINED' });
  });

  it('a callback counts once, and only in the browser that started it', async () => {
    const browser = client();
    const { body } = await throughProviderPage(t.app, browser, 'esia', choiceFor(newPerson()));
    const stranger = await client().post('/api/federation/esia/callback', body);
    expect(stranger.json()).toMatchObject({ code: 'PROVIDER_ATTEMPT_INVALID' });
    const browser2 = client();
    const second = await throughProviderPage(t.app, browser2, 'esia', choiceFor(newPerson()));
    expect((await browser2.post('/api/federation/esia/callback', second.body)).statusCode).toBe(200);
    const replay = await browser2.post('/api/federation/esia/callback', second.body);
    expect(replay.json()).toMatchObject({ code: 'PROVIDER_ATTEMPT_INVALID' });
  });

  it('T-ID with unticked items asks for them: the form is filled with what was shared, not locked', async () => {
    const person = newPerson();
    const callback = await signInWithProvider(
      t.app,
      client(),
      'tid',
      choiceFor(person, { withheld: ['passport', 'phone'] }),
    );
    expect(callback.json()).toMatchObject({
      outcome: 'register',
      person: { locked: false, passport: null, phone: null, missing: ['phone', 'passport'] },
    });
  });

  it('an existing password account links T-ID only after an SMS code to its current phone', async () => {
    const owner = client();
    const { person, me } = await registerBorrower(owner, t.deps);
    const browser = client();
    const callback = await signInWithProvider(
      t.app,
      browser,
      'tid',
      choiceFor(person, { phone: '+79990001122' }),
    );
    const outcome = callback.json<{ outcome: string; attemptId: string; phoneMasked: string }>();
    expect(outcome.outcome).toBe('link');
    expect((await browser.get('/api/session')).json()).toEqual({ signedIn: false });

    // Another browser cannot use the attempt.
    const stranger = await client().post(`/api/federation/attempts/${outcome.attemptId}/link-code`);
    expect(stranger.json()).toMatchObject({ code: 'PROVIDER_ATTEMPT_INVALID' });

    const wrongPassword = await browser.post(`/api/federation/attempts/${outcome.attemptId}/link`, {
      password: 'not-the-password',
    });
    expect(wrongPassword.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const sent = await browser.post(`/api/federation/attempts/${outcome.attemptId}/link-code`);
    expect(sent.statusCode).toBe(200);
    const linked = await browser.post(`/api/federation/attempts/${outcome.attemptId}/link`, {
      code: await lastCodeSentTo(t.deps, person.phone),
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ id: me.id });
    const links = await t.deps.db.select().from(providerLinks).where(eq(providerLinks.borrowerId, me.id));
    expect(links).toMatchObject([{ provider: 'tid', evidence: 'sms-code' }]);
  });

  it('a passport match with another name goes to a specialist and is never linked', async () => {
    const { person, me } = await registerBorrower(client(), t.deps);
    const callback = await signInWithProvider(
      t.app,
      client(),
      'esia',
      choiceFor(person, { lastName: 'Другова' }),
    );
    expect(callback.statusCode).toBe(409);
    expect(callback.json()).toMatchObject({ code: 'PROVIDER_REVIEW_REQUIRED' });
    const reviews = await t.deps.db
      .select()
      .from(federationReviews)
      .where(eq(federationReviews.borrowerId, me.id));
    expect(reviews).toMatchObject([{ reason: 'passport-matches-person-differs', status: 'pending' }]);
    const links = await t.deps.db.select().from(providerLinks).where(eq(providerLinks.borrowerId, me.id));
    expect(links).toEqual([]);
  });

  it('a borrower links from the profile and unlinks only their own provider', async () => {
    const owner = client();
    const { person, me } = await registerBorrower(owner, t.deps);
    const linked = await signInWithProvider(t.app, owner, 'esia', choiceFor(person), 'link');
    expect(linked.json()).toEqual({ outcome: 'linked', provider: 'esia' });

    const other = client();
    await registerBorrower(other, t.deps);
    const foreign = await other.delete('/api/me/providers/esia');
    expect(foreign.json()).toMatchObject({ code: 'PROVIDER_NOT_LINKED' });
    expect((await owner.get('/api/me/providers')).json()).toHaveLength(1);
    // Linking someone else's identity from one's own profile is refused.
    const stolen = await signInWithProvider(t.app, other, 'esia', choiceFor(person), 'link');
    expect(stolen.json()).toMatchObject({ code: 'PROVIDER_ALREADY_LINKED' });
    // A guest cannot list or unlink.
    expect((await new TestClient(t.app).get('/api/me/providers')).statusCode).toBe(401);

    const unlinked = await owner.delete('/api/me/providers/esia');
    expect(unlinked.json()).toEqual({ ok: true });
    const actions = await t.deps.db.select().from(auditLog).where(eq(auditLog.actorId, me.id));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['identity.provider-linked', 'identity.provider-unlinked']),
    );
  });

  it('reads a newer passport from the linked Gosuslugi account for the side-by-side diff; applying it is the SMS-confirmed change', async () => {
    const owner = client();
    const { person } = await registerBorrower(owner, t.deps);
    await signInWithProvider(t.app, owner, 'esia', choiceFor(person), 'link');
    const newer = { passportSeries: '4521', passportNumber: '987654', passportIssuedOn: '2025-01-10' };
    const read = await signInWithProvider(t.app, owner, 'esia', choiceFor(person, newer), 'refresh');
    expect(read.json()).toMatchObject({
      outcome: 'refresh',
      passport: { series: '4521', number: '987654', issueDate: '2025-01-10' },
    });
    const passport = read.json<{ passport: Record<string, string> }>().passport;
    expect((await owner.post('/api/me/passport/code', { passport })).statusCode).toBe(200);
    const changed = await owner.put('/api/me/passport', {
      passport,
      code: await lastCodeSentTo(t.deps, person.phone),
    });
    expect(changed.json()).toMatchObject({ passport: { series: '4521', number: '987654' } });

    // Another borrower's Gosuslugi (not linked to this account) is refused; T-ID does not vouch for passports.
    const other = client();
    await registerBorrower(other, t.deps);
    const foreign = await signInWithProvider(t.app, other, 'esia', choiceFor(person, newer), 'refresh');
    expect(foreign.json()).toMatchObject({ code: 'PROVIDER_NOT_LINKED' });
    const tid = await other.post('/api/federation/tid/start', { purpose: 'refresh' });
    expect(tid.json()).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    const guest = await client().post('/api/federation/esia/start', { purpose: 'refresh' });
    expect(guest.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
