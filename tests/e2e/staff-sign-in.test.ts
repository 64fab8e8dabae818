import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/modules/backoffice/demo-staff';
import { totpCode } from '../../src/server/security/totp';
import { seriousAxeFindings, sidewaysScroll } from './axe-check';
import { shot, useBrowserStand } from './browser';
import { signInStaffInBrowser } from './staff-browser';

const stand = useBrowserStand();

/** Serious axe findings and a sideways scroll, as every page of the site is judged (axe-check.ts). */
const axeProblems = async (page: Page) => [
  ...(await seriousAxeFindings(page)),
  ...(await sidewaysScroll(page)),
];
const demo = (login: string) => {
  const member = DEMO_STAFF.find((m) => m.login === login);
  if (!member) throw new Error(`no demo staff member ${login}`);
  return member;
};

describe('staff sign-in in the browser', () => {
  it('the demo senior signs in with the TOTP code and sees the back office, without «Сотрудники»', async () => {
    const context = await stand.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'ru-RU',
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    // A wrong code first: the generic answer, nothing about which field was wrong.
    await page.goto(`${stand.base}/backoffice/login`);
    await page.getByLabel('Логин').fill('senior');
    await page.getByLabel('Пароль', { exact: true }).fill('not-the-password');
    await page.getByLabel('Код из приложения').fill('123456');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Неверный логин, пароль или код').waitFor();
    await shot(page, 'staff-01-refused');
    expect(await axeProblems(page)).toEqual([]);

    await signInStaffInBrowser(page, stand.base, demo('senior'), { now: stand.t.clock.now() });
    await page.getByText(`Здравствуйте, ${demo('senior').displayName}`).waitFor();
    expect(await page.getByRole('link', { name: 'Сотрудники' }).count()).toBe(0);
    await shot(page, 'staff-02-senior');
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });

  it('the admin creates a member, who enrols by the QR step at 360 px', async () => {
    const context = await stand.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'ru-RU',
    });
    const page = await context.newPage();
    await signInStaffInBrowser(page, stand.base, demo('admin'), { now: stand.t.clock.now() });
    await page.getByRole('link', { name: 'Сотрудники' }).first().click();
    await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
    await page.getByLabel('Логин').fill('novikova');
    await page.getByLabel('ФИО').fill('Новикова Елена Павловна');
    await page.getByRole('button', { name: 'Создать' }).click();
    const password = (await page.getByTestId('new-password').textContent()) ?? '';
    expect(password).toMatch(/^[\w-]{23}$/);
    await page.getByRole('cell', { name: 'novikova', exact: true }).waitFor();
    await shot(page, 'staff-03-created');
    expect(await axeProblems(page)).toEqual([]);
    await context.close();

    const phone = await stand.browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ru-RU' });
    const newcomer = await phone.newPage();
    await newcomer.goto(`${stand.base}/backoffice/login`);
    await newcomer.getByLabel('Логин').fill('novikova');
    await newcomer.getByLabel('Пароль', { exact: true }).fill(password);
    await newcomer.getByRole('button', { name: 'Войти' }).click();
    await newcomer.getByRole('img', { name: 'QR-код для подключения приложения-аутентификатора' }).waitFor();
    const secret = (await newcomer.getByTestId('totp-secret').textContent()) ?? '';
    await shot(newcomer, 'staff-04-enrolment');
    expect(await axeProblems(newcomer)).toEqual([]);
    await newcomer.getByLabel('Код из приложения').fill(await totpCode(secret, stand.t.clock.now()));
    await newcomer.getByRole('button', { name: 'Подтвердить и войти' }).click();
    await newcomer.getByText('Здравствуйте, Новикова Елена Павловна').waitFor();
    await phone.close();
  });
});
