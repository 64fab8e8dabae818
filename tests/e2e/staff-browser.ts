import type { Page } from 'playwright-core';
import { generate } from 'otplib';

/** Who signs in: a staff login, the password and the base32 TOTP secret (the demo's are in DEMO_STAFF). */
export type StaffCredentials = { login: string; password: string; totpSecret: string };

/**
 * Signs a staff member in through the back office's sign-in page (`/backoffice/login`): fills login, password and
 * the current TOTP code computed with otplib, submits, and waits for the back office (`/backoffice`). `now` is the
 * server's time — pass `stand.t.clock.now()` when the server runs on the test clock (useBrowserStand); real time by
 * default.
 */
export async function signInStaffInBrowser(
  page: Page,
  baseUrl: string,
  credentials: StaffCredentials,
  { now = new Date() }: { now?: Date } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/backoffice/login`);
  await page.getByLabel('Логин').fill(credentials.login);
  await page.getByLabel('Пароль', { exact: true }).fill(credentials.password);
  const code = await generate({ secret: credentials.totpSecret, epoch: Math.floor(now.getTime() / 1000) });
  await page.getByLabel('Код из приложения').fill(code);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => url.pathname === '/backoffice' || url.pathname === '/backoffice/');
}
