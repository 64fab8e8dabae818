import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dataApi } from '../../src/contracts';
import { auditLog } from '../../src/server/adapters/db/schema';
import { pdfText } from '../support/pdf-text';
import { clientsOf, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '198.51.100');

const KAZAN = {
  postalCode: '420111',
  region: 'Респ Татарстан',
  city: 'г Казань',
  street: 'ул Баумана',
  house: '5',
  flat: '12',
  privateHouse: false,
};
const VILLAGE = {
  postalCode: null,
  region: 'Московская обл',
  city: 'д Ильинское',
  street: 'ул Садовая',
  house: '14',
  flat: null,
  privateHouse: true,
};

describe('the borrower’s addresses', () => {
  it('suggests addresses from the built-in list', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const answer = await c.post(dataApi.addressSuggestions.path, { query: 'казань бауман' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      available: true,
      suggestions: [
        {
          value: '420111, Респ Татарстан, г Казань, ул Баумана, д 5',
          parts: {
            postalCode: '420111',
            region: 'Респ Татарстан',
            city: 'г Казань',
            street: 'ул Баумана',
            house: '5',
            flat: null,
          },
          privateHouse: null,
          fiasId: 'demo-0006',
        },
      ],
    });
  });

  it('refuses a house with flats without a flat, and a registration without a house', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const answer = await c.put(dataApi.saveAddresses.path, {
      placeOfBirth: 'г. Казань',
      registration: { ...KAZAN, flat: null },
      livesAtRegistration: false,
      actual: { ...VILLAGE, house: '' },
    });
    expect(answer.statusCode).toBe(400);
    const paths = answer.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('registration.flat');
    expect(paths).toContain('actual.house');
    expect((await c.get(dataApi.personalData.path)).json().registrationAddress).toBeNull();
  });

  it('keeps every version, prints the registration address on the contract, and shows no one else', async () => {
    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    const first = await c.put(dataApi.saveAddresses.path, {
      placeOfBirth: 'г. Казань',
      registration: KAZAN,
      livesAtRegistration: true,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      placeOfBirth: 'г. Казань',
      registrationAddress: { text: '420111, Респ Татарстан, г Казань, ул Баумана, д 5, кв 12' },
      livesAtRegistration: true,
      actualAddress: null,
    });

    t.clock.advance(60_000);
    const moved = await c.put(dataApi.saveAddresses.path, {
      placeOfBirth: 'г. Казань',
      registration: { ...KAZAN, flat: '14' },
      livesAtRegistration: false,
      actual: VILLAGE,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const data = moved.json();
    expect(data.actualAddress.text).toBe('Московская обл, д Ильинское, ул Садовая, д 14');
    const history = data.addressHistory.map(
      (a: { kind: string; flat: string | null; replacedAt: string | null }) =>
        `${a.kind} ${a.flat ?? '-'} ${a.replacedAt === null ? 'current' : 'former'}`,
    );
    expect(history.sort()).toEqual(['actual - current', 'registration 12 former', 'registration 14 current']);

    const application = (
      await c.post('/api/me/applications', {
        productId: 'payday',
        amount: '1000000',
        term: 30,
        employment: 'employed',
        monthlyIncome: '8000000',
        payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
      })
    ).json();
    expect(application.status).toBe('approved');
    expect((await c.post(`/api/me/applications/${application.id}/signature-code`)).statusCode).toBe(200);
    const contractId = (await c.get(`/api/me/applications/${application.id}`)).json().contract.id;
    const pdf = await c.get(`/api/me/contracts/${contractId}/pdf`);
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Регистрация: 420111, Респ Татарстан, г Казань, ул Баумана, д 5, кв 14');

    const stranger = client();
    await registerBorrower(stranger, t.deps);
    const theirs = (await stranger.get(dataApi.personalData.path)).json();
    expect(theirs).toMatchObject({ placeOfBirth: null, registrationAddress: null, addressHistory: [] });
    expect(JSON.stringify(theirs)).not.toContain('Баумана');
    expect(person.phone).toBeTruthy();
  });

  it('answers only a signed-in borrower', async () => {
    const guest = client();
    expect((await guest.get(dataApi.personalData.path)).statusCode).toBe(401);
    expect((await guest.post(dataApi.addressSuggestions.path, { query: 'москва' })).statusCode).toBe(401);
  });
});

describe('employment, СНИЛС and ИНН', () => {
  it('offers the last application’s employment, then the profile’s once it is newer', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    expect((await c.get(dataApi.personalData.path)).json().employment).toBeNull();
    const applied = await c.post('/api/me/applications', {
      productId: 'payday',
      amount: '1000000',
      term: 30,
      employment: 'self_employed',
      monthlyIncome: '9000000',
      payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    expect((await c.get(dataApi.personalData.path)).json().employment).toMatchObject({
      employment: 'self_employed',
      monthlyIncome: '9000000',
      source: 'last_application',
    });
    t.clock.advance(60_000);
    const saved = await c.put(dataApi.saveEmployment.path, {
      employment: 'employed',
      monthlyIncome: '12000000',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().employment).toMatchObject({
      employment: 'employed',
      monthlyIncome: '12000000',
      source: 'profile',
    });
  });

  it.each([
    [{ snils: '112-233-445 96', inn: '' }, ['snils']],
    [{ snils: '', inn: '500100732258' }, ['inn']],
    [{ snils: '1122334459', inn: '7707083893' }, ['snils', 'inn']],
  ])('refuses %j', async (body, paths) => {
    const c = client();
    await registerBorrower(c, t.deps);
    const answer = await c.put(dataApi.saveIdentifiers.path, body);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors.map((e: { path: string }) => e.path)).toEqual(paths);
  });

  it('keeps valid numbers encrypted and shows them masked', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const answer = await c.put(dataApi.saveIdentifiers.path, {
      snils: '112-233-445 95',
      inn: '500100732259',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ snilsMasked: '***-***-445 95', innMasked: '********2259' });
    expect(JSON.stringify(answer.json())).not.toContain('500100732259');
  });
});

describe('e-mail', () => {
  const letterTo = async (email: string) => {
    const outbox = (await t.app.inject('/api/dev/sms')).json() as { phone: string; text: string }[];
    const letter = outbox.find((m) => m.phone === `e-mail: ${email}`);
    return /Код подтверждения: (\d{6})/.exec(letter?.text ?? '')?.[1] ?? null;
  };

  it('is used only once confirmed by the code from the letter; a wrong code counts, another borrower cannot confirm', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const email = `maria.${Date.now()}@example.ru`;
    const sent = await c.post(dataApi.requestEmailCode.path, { email });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await c.get(dataApi.personalData.path)).json()).toMatchObject({
      email: null,
      emailPending: email,
    });
    const code = await letterTo(email);
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await c.post(dataApi.confirmEmail.path, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.json()).toMatchObject({ code: 'CODE_INVALID', attemptsLeft: 4 });
    const stranger = client();
    await registerBorrower(stranger, t.deps);
    expect((await stranger.post(dataApi.confirmEmail.path, { code })).json().code).toBe('CODE_EXPIRED');

    const confirmed = await c.post(dataApi.confirmEmail.path, { code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ email, emailPending: null });
    expect((await c.post(dataApi.confirmEmail.path, { code })).json().code).toBe('CODE_EXPIRED');
    expect((await stranger.get(dataApi.personalData.path)).json().email).toBeNull();
  });

  it('waits a minute before another code', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    expect((await c.post(dataApi.requestEmailCode.path, { email: 'a@example.ru' })).statusCode).toBe(200);
    const again = await c.post(dataApi.requestEmailCode.path, { email: 'b@example.ru' });
    expect(again.json().code).toBe('CODE_RESEND_TOO_EARLY');
    expect((await c.post(dataApi.requestEmailCode.path, { email: 'not an address' })).statusCode).toBe(400);
  });
});

describe('place of birth', () => {
  it('is corrected by the borrower alone, without an SMS code, and each change is audited (a design choice)', async () => {
    const c = client();
    const { me } = await registerBorrower(c, t.deps);
    const save = (placeOfBirth: string) =>
      c.put(dataApi.saveAddresses.path, { placeOfBirth, registration: KAZAN, livesAtRegistration: true });
    expect((await save('г. Казнь')).statusCode).toBe(200);
    t.clock.advance(60_000);
    const fixed = await save('г. Казань');
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().placeOfBirth).toBe('г. Казань');
    // Saving the same value again is no change.
    expect((await save('г. Казань')).statusCode).toBe(200);
    const rows = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, me.id), eq(auditLog.action, 'profile.place-of-birth-changed')));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.actorType === 'borrower' && r.actorId === me.id)).toBe(true);
  });
});
