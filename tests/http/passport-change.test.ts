import { describe, expect, it } from 'vitest';
import { dispatchMessages } from '../../src/server/workers';
import {
  clientsOf,
  lastCodeSentTo,
  newPerson,
  registerBorrower,
  useTestApp,
  type TestClient,
} from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '100.64.15');

const outbox = async () => (await t.app.inject('/api/dev/sms')).json() as { phone: string; text: string }[];

/** Born 10.05.1990, passport issued 20.06.2010 (after the 20th birthday, valid until 45). */
async function borrower(c: TestClient) {
  const person = newPerson({ birthDate: '1990-05-10' });
  person.passport.issueDate = '2010-06-20';
  return (await registerBorrower(c, t.deps, person)).person;
}

const newPassport = (overrides: Partial<ReturnType<typeof newPerson>['passport']> = {}) => ({
  ...newPerson().passport,
  issueDate: '2026-10-01',
  issuedBy: 'ГУ МВД России по Московской области',
  ...overrides,
});

/** Issue 10, item 15: a passport change is checked, confirmed by an SMS code bound to the data, and notified. */
describe('passport change', () => {
  it('refuses «4521 778899 issued 01.01.2009» over a passport issued 20.06.2010, at the issue date, before any SMS', async () => {
    const c = client();
    const person = await borrower(c);
    const sentBefore = (await outbox()).length;
    const passport = newPassport({ series: '4521', number: '778899', issueDate: '2009-01-01' });
    for (const answer of [
      await c.post('/api/me/passport/code', { passport }),
      await c.put('/api/me/passport', { passport, code: '123456' }),
    ]) {
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [
          {
            path: 'passport.issueDate',
            message: 'Новый паспорт не может быть выдан раньше нынешнего, выданного 20.06.2010',
          },
        ],
      });
    }
    expect((await outbox()).length).toBe(sentBefore);
    expect((await c.get('/api/me')).json().passport).toEqual(person.passport);
  });

  it('refuses a passport not valid for the borrower’s age (issued before 20, now 21)', async () => {
    const c = client();
    const person = newPerson({ birthDate: '2005-01-10' });
    person.passport.issueDate = '2019-02-01';
    await registerBorrower(c, t.deps, person);
    const answer = await c.post('/api/me/passport/code', {
      passport: newPassport({ issueDate: '2024-12-01' }),
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors).toEqual([
      {
        path: 'passport.issueDate',
        message: 'Этот паспорт недействителен: паспорт меняют в 20 и 45 лет. Укажите действующий паспорт',
      },
    ]);
  });

  it('the code confirms only the data it was sent for; the change is notified in the account and by SMS', async () => {
    const c = client();
    const person = await borrower(c);
    const passport = newPassport();
    const sent = await c.post('/api/me/passport/code', { passport });
    expect(sent.json()).toMatchObject({ codeLength: 6 });
    const code = await lastCodeSentTo(t.deps, person.phone);
    expect((await outbox())[0]?.text).toBe(
      `${code} — код для смены паспорта в личном кабинете ${t.deps.config.site.companyName}: ` +
        `${passport.series} ${passport.number}. Никому его не сообщайте.`,
    );

    const other = await c.put('/api/me/passport', { passport: { ...passport, number: '000001' }, code });
    expect(other.json()).toMatchObject({ code: 'CODE_INVALID', attemptsLeft: 4 });
    expect((await c.get('/api/me')).json().passport).toEqual(person.passport);

    const changed = await c.put('/api/me/passport', { passport, code });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().passport).toEqual(passport);
    const again = await c.put('/api/me/passport', { passport, code });
    expect(again.json().code).toBe('CODE_EXPIRED');

    const masked = `${passport.series.slice(0, 2)}** ***${passport.number.slice(-3)}`;
    const text =
      `Паспортные данные в личном кабинете изменены: паспорт ${masked}, выдан 01.10.2026. ` +
      `Если это были не вы, позвоните нам: ${t.deps.config.site.supportPhone}.`;
    const messages = (await c.get('/api/me/notifications')).json();
    expect(messages.items).toEqual([
      expect.objectContaining({ kind: 'passport_changed', text, read: false }),
    ]);
    await dispatchMessages(t.deps);
    expect((await outbox()).filter((m) => m.phone === person.phone && m.text === text)).toHaveLength(1);
  });

  it('another borrower cannot use someone’s code, and a guest can do neither step', async () => {
    const a = client();
    const personA = await borrower(a);
    const passport = newPassport();
    await a.post('/api/me/passport/code', { passport });
    const code = await lastCodeSentTo(t.deps, personA.phone);

    const b = client();
    const personB = await borrower(b);
    const stolen = await b.put('/api/me/passport', { passport, code });
    expect(stolen.json().code).toBe('CODE_EXPIRED');
    expect((await b.get('/api/me')).json().passport).toEqual(personB.passport);

    const guest = client();
    for (const answer of [
      await guest.post('/api/me/passport/code', { passport }),
      await guest.put('/api/me/passport', { passport, code }),
    ]) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json().code).toBe('UNAUTHENTICATED');
    }
    expect((await a.put('/api/me/passport', { passport, code })).statusCode).toBe(200);
  });
});
