import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { payNow, startPayment, takeLoan } from '../support/servicing';
import { TestClient, lastCodeSentTo, newPerson, registerBorrower } from '../support/test-app';
import { seriousAxeFindings, sidewaysScroll } from './axe-check';
import { submitSignIn, useBrowserStand } from './browser';

const stand = useBrowserStand();

/** The narrowest phone the site supports, and a desktop. */
const PHONE = { width: 320, height: 640 };
const DESKTOP = { width: 1280, height: 800 };

/** Waits until the page shows its heading and nothing in it is loading any more. */
async function settled(page: Page) {
  await page.locator('h1').first().waitFor();
  await expect.poll(() => page.locator('.mantine-Loader-root:visible').count()).toBe(0);
}

/** What is wrong with one page at one width: axe findings and, on a phone, a sideways scroll. */
async function problemsAt(page: Page, viewport: { width: number; height: number }): Promise<string[]> {
  await page.setViewportSize(viewport);
  await settled(page);
  const problems = [...(await seriousAxeFindings(page)), ...(await sidewaysScroll(page))];
  return problems.map((p) => `${viewport.width} px: ${p}`);
}

describe('every page of the site is accessible at 320 px and on a desktop', () => {
  it('has no serious axe violation, no sideways scroll on a phone and no console error', async () => {
    const { t } = stand;
    // A borrower with a paid-out loan (an application, a loan), 1 000 ₽ paid on it (one unread message) and a
    // payment waiting on the acquirer's page.
    const c = new TestClient(t.app, '203.0.113.120');
    const { person } = await registerBorrower(c, t.deps);
    const loan = await takeLoan(t, c, person.phone);
    await payNow(t, c, loan.id, { purpose: 'custom', amount: '100000' });
    const payment = await startPayment(c, loan.id, { purpose: 'payoff' });

    const context = await stand.browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
    await context.clock.setFixedTime(t.clock.now());
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));

    const problems: string[] = [];
    const check = async (path: string) => {
      await page.goto(`${stand.base}${path}`);
      for (const viewport of [PHONE, DESKTOP])
        problems.push(...(await problemsAt(page, viewport)).map((p) => `${path} ${p}`));
    };

    // A guest: the public pages, the demo pages, the acquirer's page and «not found».
    for (const path of [
      '/',
      '/register',
      '/recover',
      '/help',
      '/dev/sms',
      '/dev/telegram',
      '/dev/business-date',
      '/dev/staff',
      '/phone-change',
      '/relationship-end/not-a-real-token',
      '/login',
    ])
      await check(path);
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: join(tmpdir(), 'a11y-login-320.png') });
    await check(new URL(payment.confirmationUrl, stand.base).pathname);
    await check('/no-such-page');

    // Registration's second step: the person, the passport, the captcha and the consents.
    const newcomer = newPerson();
    await page.goto(`${stand.base}/register`);
    await page.getByLabel('Номер телефона').fill(newcomer.phone.slice(2));
    await page.getByLabel('Пароль', { exact: true }).fill(newcomer.password);
    await page.getByLabel('Повторите пароль').fill(newcomer.password);
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByLabel('Код из СМС').waitFor();
    await page.getByLabel('Код из СМС').fill(await lastCodeSentTo(t.deps, newcomer.phone));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByLabel('Фамилия').waitFor();
    for (const viewport of [PHONE, DESKTOP])
      problems.push(...(await problemsAt(page, viewport)).map((p) => `/register step 2 ${p}`));

    // Signed in: every page of the account.
    await page.goto(`${stand.base}/login`);
    await submitSignIn(page, person);
    await page.waitForURL(/\/account$/);
    // The unread count is in the messages link's name, at both widths (WCAG 2.2 SC 2.5.3 «Label in Name»).
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.getByRole('link', { name: /^Сообщения, 1 непрочитанное$/ }).waitFor();
    }
    // On a phone the account's pages fold into «Меню»: the header fits, and the open menu passes axe too.
    await settled(page);
    await page.screenshot({ path: join(tmpdir(), 'a11y-account-320.png') });
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('menuitem', { name: 'Профиль' }).waitFor();
    // The menu fades in: axe reads colours mid-transition as blended, so wait until it is fully shown.
    await expect
      .poll(() => page.getByRole('menu').evaluate((menu) => getComputedStyle(menu).opacity))
      .toBe('1');
    problems.push(...(await seriousAxeFindings(page)).map((p) => `/account menu 320 px: ${p}`));
    await page.screenshot({ path: join(tmpdir(), 'a11y-menu-320.png') });
    await page.getByRole('menuitem', { name: 'Профиль' }).click();
    await page.waitForURL(/\/account\/profile$/);
    for (const path of [
      '/account',
      '/account/apply',
      `/account/applications/${loan.applicationId}`,
      `/account/loans/${loan.id}`,
      '/account/notifications',
      '/account/profile',
      '/account/documents',
      '/account/activity',
      '/account/sessions',
      '/account/bonuses',
      '/account/support',
      '/help',
    ])
      await check(path);

    expect(problems).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
