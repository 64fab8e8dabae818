import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { borrowers } from '../../src/server/adapters/db/schema';
import { AppError } from '../../src/server/app-error';
import { completeRegistration } from '../../src/server/modules/identity/complete-registration';
import { confirmRegistrationPhone } from '../../src/server/modules/identity/confirm-registration-phone';
import { issueCaptcha } from '../../src/server/modules/identity/issue-captcha';
import { startRegistration } from '../../src/server/modules/identity/start-registration';
import { backends } from '../support/databases';
import {
  CAPTCHA_ANSWER,
  lastCodeSentTo,
  newPerson,
  startTestApp,
  type PersonData,
  type TestApp,
} from '../support/test-app';

describe.each(backends())('one person, one account (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ backend });
  });
  afterAll(() => t.close());

  async function readyToComplete(person: PersonData, ip: string) {
    const meta = { ip, userAgent: 'test' };
    const { id } = await startRegistration(t.deps, { ...person, meta });
    await confirmRegistrationPhone(t.deps, {
      registrationId: id,
      code: await lastCodeSentTo(t.deps, person.phone),
    });
    const captcha = await issueCaptcha(t.deps, { ip });
    return () =>
      completeRegistration(t.deps, {
        ...person,
        registrationId: id,
        captchaId: captcha.id,
        captchaAnswer: CAPTCHA_ANSWER,
        meta,
      });
  }

  it.each([
    ['the same passport', (p: PersonData) => newPerson({ passport: p.passport })],
    [
      'the same name and birth date',
      (p: PersonData) => newPerson({ surname: p.surname, birthDate: p.birthDate }),
    ],
    ['the same phone', (p: PersonData) => newPerson({ phone: p.phone })],
  ])('two simultaneous registrations with %s: exactly one succeeds', async (_name, twin) => {
    const person = newPerson();
    const other = twin(person);
    const completions = [await readyToComplete(person, '10.0.0.1'), await readyToComplete(other, '10.0.0.2')];
    const before = (await t.database.db.select().from(borrowers)).length;
    const results = await Promise.allSettled(completions.map((complete) => complete()));
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(AppError);
    expect(['PERSON_ALREADY_REGISTERED', 'PHONE_ALREADY_REGISTERED']).toContain(
      (rejected[0]!.reason as AppError).code,
    );
    expect((await t.database.db.select().from(borrowers)).length).toBe(before + 1);
  });
});
