import { describe, expect, it } from 'vitest';
import { CAPTCHA_ANSWER, lastCodeSentTo, newPerson } from '../support/test-app';
import { shot, signOut, submitSignIn, useBrowserStand } from './browser';

const stand = useBrowserStand();

const toRuDate = (iso: string) => iso.split('-').reverse().join('.');

describe('a borrower in the browser', () => {
  it('registers → signs out → signs in → forgets the password → recovers → signs in with the new one', async () => {
    const person = newPerson();
    const context = await stand.browser.newContext({
      viewport: { width: 360, height: 780 },
      locale: 'ru-RU',
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto(stand.base);
    await expect.poll(() => page.title()).toMatch(/[А-Яа-я]/);
    await shot(page, '01-landing');
    await page.getByRole('link', { name: 'Регистрация' }).first().click();

    // Step 1: phone and password, then the SMS code.
    await page.getByLabel('Номер телефона').fill(person.phone.slice(2));
    await page.getByLabel('Пароль', { exact: true }).fill(person.password);
    await page.getByLabel('Повторите пароль').fill(person.password);
    await shot(page, '02-register-step1');
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByLabel('Код из СМС').waitFor();
    await page.getByLabel('Код из СМС').fill(await lastCodeSentTo(stand.t.deps, person.phone));
    await page.getByRole('button', { name: 'Подтвердить' }).click();

    // Step 2: the person, the passport, the captcha and three consents.
    await page.getByLabel('Фамилия').waitFor();
    await page.getByLabel('Фамилия').fill(person.surname);
    await page.getByLabel('Имя', { exact: true }).fill(person.name);
    await page.getByLabel('Отчество').fill(person.patronymic ?? '');
    await page.getByLabel('Дата рождения').fill(toRuDate(person.birthDate));
    await page.getByText('Женский').click();
    await page.getByLabel('Серия паспорта').fill(person.passport.series);
    await page.getByLabel('Номер паспорта').fill(person.passport.number);
    await page.getByLabel('Дата выдачи').fill(toRuDate(person.passport.issueDate));
    await page.getByLabel('Кем выдан').fill(person.passport.issuedBy);
    await page.getByLabel('Код подразделения').fill(person.passport.divisionCode.replace('-', ''));
    await page.getByLabel('Код с картинки').fill(CAPTCHA_ANSWER);
    await page.getByLabel(/^Согласие на обработку персональных данных/).check();
    await page.getByLabel(/^Соглашение об использовании простой электронной подписи/).check();
    await page.getByLabel(/^Согласие на запрос в бюро кредитных историй/).check();
    await shot(page, '03-register-step2');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();

    // The profile.
    await page.getByText(person.surname).first().waitFor();
    await expect.poll(() => page.url()).toContain('/account');
    await shot(page, '04-profile');
    const body = await page.textContent('body');
    expect(body).toContain('+7 9');
    expect(body).not.toMatch(/Удалить (аккаунт|личный кабинет)/);

    // Sign out, sign in.
    await signOut(page);
    await page.goto(`${stand.base}/login`);
    await submitSignIn(page, person);
    await page.getByText(person.surname).first().waitFor();

    // Forget the password and recover it.
    await signOut(page);
    await page.goto(`${stand.base}/login`);
    await page.getByRole('link', { name: /Забыли пароль/ }).click();
    // The recovery page loads its own chunk: wait for it, not for the sign-in form's phone field.
    await page.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    await page.getByLabel('Номер телефона').fill(person.phone.slice(2));
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByLabel('Код из СМС').waitFor();
    const newPassword = 'Осень-2026-новый';
    await page.getByLabel('Код из СМС').fill(await lastCodeSentTo(stand.t.deps, person.phone));
    await page.getByLabel('Новый пароль').fill(newPassword);
    await page.getByLabel('Повторите пароль').fill(newPassword);
    await shot(page, '05-recovery');
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();

    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await expect.poll(() => page.url()).toContain('/login');
    await submitSignIn(page, { phone: person.phone, password: newPassword });
    await page.getByText(person.surname).first().waitFor();
    await page.goto(`${stand.base}/account/sessions`);
    await page.getByText('Этот сеанс').waitFor();
    // Recovery ended every other session: only this one is left, so nothing else to end.
    expect(await page.getByText('Завершить все другие сеансы').count()).toBe(0);
    await shot(page, '06-sessions');

    // A guest is not an error: no 401 of «who am I», no console error at all.
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('tells that a phone is taken and offers to recover the password', async () => {
    const { registerBorrower, TestClient } = await import('../support/test-app');
    const { person } = await registerBorrower(new TestClient(stand.t.app, '203.0.113.77'), stand.t.deps);
    const page = await stand.browser.newPage({ viewport: { width: 360, height: 780 } });
    await page.goto(`${stand.base}/register`);
    await page.getByLabel('Номер телефона').fill(person.phone.slice(2));
    await page.getByLabel('Пароль', { exact: true }).fill('Другой-Пароль-7');
    await page.getByLabel('Повторите пароль').fill('Другой-Пароль-7');
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByText('Личный кабинет по этому номеру уже используется').waitFor();
    await page.getByRole('link', { name: 'Восстановить пароль' }).waitFor();
    await shot(page, '07-phone-taken');
    await page.close();
  });
});
