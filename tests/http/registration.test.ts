import { describe, expect, it } from 'vitest';
import {
  CAPTCHA_ANSWER,
  completionBody,
  lastCodeSentTo,
  newPerson,
  registerBorrower,
  registerPhone,
  useTestApp,
  clientsOf,
} from '../support/test-app';

const t = useTestApp();

const client = clientsOf(t, '198.51.100');

describe('registration', () => {
  it('registers, signs in and answers with the borrower; the passport is encrypted at rest', async () => {
    const c = client();
    const person = newPerson();
    const started = await c.post('/api/registration', {
      phone: person.phone.replace('+7', '8 '),
      password: person.password,
    });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ codeLength: 6, resendAvailableInSec: 60, expiresInSec: 300 });
    const id = started.json().id;
    const code = await lastCodeSentTo(t.deps, person.phone);
    expect((await c.post(`/api/registration/${id}/confirm`, { code })).statusCode).toBe(200);
    const captcha = (await c.post('/api/captcha')).json();
    const done = await c.post(`/api/registration/${id}/complete`, completionBody(person, captcha.id));
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({
      phone: person.phone,
      surname: person.surname,
      passport: person.passport,
    });
    const me = await c.get('/api/me');
    expect(me.json().id).toBe(done.json().id);

    const rows = await t.database.db.query.borrowers.findFirst();
    expect(rows?.passportEncrypted).not.toContain(person.passport.number);
    const consents = await t.database.db.query.consents.findMany();
    expect(
      consents
        .filter((x) => x.borrowerId === me.json().id)
        .map((x) => x.kind)
        .sort(),
    ).toEqual(['credit_bureau', 'personal_data', 'simple_signature']);
  });

  it('PHONE_ALREADY_REGISTERED for a phone with an account', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const again = await client().post('/api/registration', {
      phone: person.phone,
      password: 'Другой-пароль-1',
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({
      code: 'PHONE_ALREADY_REGISTERED',
      detail: 'Личный кабинет по этому номеру уже используется',
    });
  });

  it.each([
    ['the same passport', (p: ReturnType<typeof newPerson>) => newPerson({ passport: p.passport })],
    [
      'the same full name and birth date',
      (p: ReturnType<typeof newPerson>) =>
        newPerson({
          surname: p.surname.toUpperCase(),
          name: p.name,
          patronymic: p.patronymic,
          birthDate: p.birthDate,
        }),
    ],
  ])('PERSON_ALREADY_REGISTERED for %s, and nothing is created', async (_name, twin) => {
    const { person } = await registerBorrower(client(), t.deps);
    const c = client();
    const duplicate = twin(person);
    const id = await registerPhone(c, t.deps, duplicate);
    const captcha = (await c.post('/api/captcha')).json();
    const answer = await c.post(`/api/registration/${id}/complete`, completionBody(duplicate, captcha.id));
    expect(answer.statusCode).toBe(409);
    expect(answer.json().code).toBe('PERSON_ALREADY_REGISTERED');
    expect((await c.get('/api/me')).statusCode).toBe(401);
    const signIn = await client().post('/api/auth/login', {
      phone: duplicate.phone,
      password: duplicate.password,
    });
    expect(signIn.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('VALIDATION_FAILED names every bad field, in Russian', async () => {
    const c = client();
    const person = newPerson();
    const id = await registerPhone(c, t.deps, person);
    const captcha = (await c.post('/api/captcha')).json();
    const body = completionBody(person, captcha.id);
    const answer = await c.post(`/api/registration/${id}/complete`, {
      ...body,
      surname: 'Ivanova',
      passport: { ...body.passport, series: '12', divisionCode: '12-3456' },
      consents: { ...body.consents, credit_bureau: false },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().code).toBe('VALIDATION_FAILED');
    expect(
      answer
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['consents.credit_bureau', 'passport.divisionCode', 'passport.series', 'surname']);
  });

  it('refuses a minor and a passport issued before 14, by field', async () => {
    const c = client();
    const person = newPerson({ birthDate: '2009-01-01' });
    const id = await registerPhone(c, t.deps, person);
    const captcha = (await c.post('/api/captcha')).json();
    const answer = await c.post(`/api/registration/${id}/complete`, {
      ...completionBody(person, captcha.id),
      passport: { ...person.passport, issueDate: '2023-03-15' },
    });
    expect(answer.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'birthDate', message: 'Личный кабинет можно открыть с 18 лет' }],
    });
  });

  it('PASSWORD_TOO_WEAK for a common password', async () => {
    const answer = await client().post('/api/registration', {
      phone: newPerson().phone,
      password: 'qwerty123',
    });
    expect(answer.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK', errors: [{ path: 'password' }] });
  });

  it('CAPTCHA_INVALID for a wrong answer, and a captcha is single use', async () => {
    const c = client();
    const person = newPerson();
    const id = await registerPhone(c, t.deps, person);
    const captcha = (await c.post('/api/captcha')).json();
    const wrong = await c.post(`/api/registration/${id}/complete`, {
      ...completionBody(person, captcha.id),
      captchaAnswer: 'nope',
    });
    expect(wrong.json()).toMatchObject({ code: 'CAPTCHA_INVALID', errors: [{ path: 'captchaAnswer' }] });
    const reused = await c.post(`/api/registration/${id}/complete`, completionBody(person, captcha.id));
    expect(reused.json().code).toBe('CAPTCHA_INVALID');
    const fresh = (await c.post('/api/captcha')).json();
    const ok = await c.post(`/api/registration/${id}/complete`, {
      ...completionBody(person, fresh.id),
      captchaAnswer: CAPTCHA_ANSWER.toLowerCase(),
    });
    expect(ok.statusCode).toBe(201);
  });

  it('PHONE_NOT_CONFIRMED before the code, REGISTRATION_NOT_FOUND after completion or for a stranger', async () => {
    const c = client();
    const person = newPerson();
    const started = (
      await c.post('/api/registration', { phone: person.phone, password: person.password })
    ).json();
    const captcha = (await c.post('/api/captcha')).json();
    const early = await c.post(
      `/api/registration/${started.id}/complete`,
      completionBody(person, captcha.id),
    );
    expect(early.json().code).toBe('PHONE_NOT_CONFIRMED');
    const unknown = await c.post(`/api/registration/${crypto.randomUUID()}/confirm`, { code: '123456' });
    expect(unknown.json().code).toBe('REGISTRATION_NOT_FOUND');
    expect((await c.post('/api/registration/not-a-uuid/confirm', { code: '123456' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('codes: CODE_INVALID with attempts left, TOO_MANY_ATTEMPTS after five, CODE_RESEND_TOO_EARLY, CODE_EXPIRED', async () => {
    const c = client();
    const person = newPerson();
    const started = (
      await c.post('/api/registration', { phone: person.phone, password: person.password })
    ).json();
    const code = await lastCodeSentTo(t.deps, person.phone);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const attemptsLeft: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await c.post(`/api/registration/${started.id}/confirm`, { code: wrongCode });
      expect(answer.json().code).toBe('CODE_INVALID');
      attemptsLeft.push(answer.json().attemptsLeft);
    }
    expect(attemptsLeft).toEqual([4, 3, 2, 1, 0]);
    const burnt = await c.post(`/api/registration/${started.id}/confirm`, { code });
    expect(burnt.json().code).toBe('TOO_MANY_ATTEMPTS');

    const early = await c.post(`/api/registration/${started.id}/resend`);
    expect(early.statusCode).toBe(429);
    expect(early.json().code).toBe('CODE_RESEND_TOO_EARLY');
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);

    t.clock.advance(61_000);
    expect((await c.post(`/api/registration/${started.id}/resend`)).statusCode).toBe(200);
    const fresh = await lastCodeSentTo(t.deps, person.phone);
    t.clock.advance(301_000);
    const expired = await c.post(`/api/registration/${started.id}/confirm`, { code: fresh });
    expect(expired.json().code).toBe('CODE_EXPIRED');
  });

  it('CSRF_INVALID without the token', async () => {
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/registration',
      payload: { phone: newPerson().phone, password: 'Vesna!2026-lk' },
    });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().code).toBe('CSRF_INVALID');
  });

  it('caps codes per phone a day: TOO_MANY_ATTEMPTS', async () => {
    const person = newPerson();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const answer = await client().post('/api/registration', {
        phone: person.phone,
        password: person.password,
      });
      statuses.push(answer.statusCode);
      if (answer.statusCode === 429) expect(answer.json().code).toBe('TOO_MANY_ATTEMPTS');
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
