import { afterAll, beforeAll } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';

/** Debian's Chromium, driven by playwright-core: a test tool's own browser download does not work here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const SHOTS = 'test-results/screens';

/** Screenshots for a person to look at; test-results/ is ignored by git. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

export type BrowserStand = { t: TestApp; browser: Browser; base: string; close(): Promise<void> };

/** The whole app in this process on a free port (test fakes, test clock) and Debian's Chromium. */
export async function startBrowserStand(): Promise<BrowserStand> {
  mkdirSync(SHOTS, { recursive: true });
  const t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    t,
    browser,
    base: `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** One stand for the test file, started before its tests and closed after; read it inside the tests. */
export function useBrowserStand(): BrowserStand {
  let current: BrowserStand | undefined;
  beforeAll(async () => {
    current = await startBrowserStand();
  });
  afterAll(() => current?.close());
  const live = () => {
    if (!current) throw new Error('the browser stand is not started yet');
    return current;
  };
  return {
    get t() {
      return live().t;
    },
    get browser() {
      return live().browser;
    },
    get base() {
      return live().base;
    },
    close: () => live().close(),
  };
}

/**
 * A new browser context in Russian at `viewport` (a phone, 360 × 780, unless told), its clock fixed at the test
 * clock's now (the page's «today» is the server's), one page, and the console errors it logs.
 */
export async function openPage(
  stand: Pick<BrowserStand, 'browser' | 't'>,
  viewport: { width: number; height: number } = { width: 360, height: 780 },
): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }> {
  const context = await stand.browser.newContext({ viewport, locale: 'ru-RU' });
  await context.clock.setFixedTime(stand.t.clock.now());
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  return { context, page, consoleErrors };
}

/**
 * Fills the borrower's sign-in form where the page shows it (the sign-in page, or a page of the account asking to
 * sign in first) with the phone (+7 and ten digits; the field takes the ten) and password, and submits it.
 */
export async function submitSignIn(page: Page, person: { phone: string; password: string }): Promise<void> {
  await page.getByLabel('Номер телефона').fill(person.phone.slice(2));
  await page.getByLabel('Пароль', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

/**
 * Signs the borrower out with «Выйти» and waits until the server has ended the session: the header drops «Выйти»
 * at once (before the request), and the app goes to the home page only when the server has answered. Navigating
 * away before that would abort the request and leave the session alive.
 */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}
