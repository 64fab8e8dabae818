import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/modules/backoffice/demo-staff';
import { TestClient, registerBorrower } from '../support/test-app';
import { shot, submitSignIn, useBrowserStand } from './browser';
import { signInStaffInBrowser } from './staff-browser';

const stand = useBrowserStand();

/** The banner reads the status again every 15 seconds (or on focus): a little more than that. */
const BANNER_WAIT_MS = 20_000;

describe('maintenance switched from the back office while a borrower is on the site', () => {
  it('the borrower sees the banner appear and disappear without a reload', async () => {
    const { t, browser, base } = stand;
    const { person } = await registerBorrower(new TestClient(t.app, '203.0.113.95'), t.deps);

    // The borrower, signed in, on their account page (phone width).
    const borrower = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ru-RU' });
    const site = await borrower.newPage();
    await site.goto(`${base}/login`);
    await submitSignIn(site, person);
    await site.waitForURL(/\/account/);
    const banner = site.getByTestId('maintenance-banner');
    expect(await banner.count()).toBe(0);

    // The demo admin signs in to the back office with password and TOTP code.
    const adminMember = DEMO_STAFF.find((member) => member.role === 'admin');
    if (!adminMember) throw new Error('no demo admin');
    const office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    const admin = await office.newPage();
    await signInStaffInBrowser(admin, base, adminMember, { now: t.clock.now() });
    await admin.goto(`${base}/backoffice/maintenance`);
    await admin.getByRole('heading', { name: 'Технические работы' }).waitFor();
    await admin.getByTestId('maintenance-state').getByText('Сайт работает').waitFor();

    await admin.getByLabel('Технические работы включены').check();
    await admin.getByLabel('Весь сайт').check();
    await admin.getByLabel('Сообщение для заёмщиков').fill('Обновляем систему, скоро вернёмся');
    await admin.getByLabel('Планируемое окончание (мск)').fill('2026-11-24T14:00');
    await admin.getByRole('button', { name: 'Сохранить' }).click();
    await admin.getByText('Сохранено.').waitFor();
    await admin.getByTestId('maintenance-state').getByText('Идут работы').waitFor();
    await shot(admin, 'maintenance-01-backoffice-on');

    await banner.waitFor({ timeout: BANNER_WAIT_MS });
    expect(await banner.textContent()).toContain('Обновляем систему, скоро вернёмся');
    expect(await banner.textContent()).toContain('Планируемое окончание: 24.11.2026, 14:00 (мск)');
    await shot(site, 'maintenance-02-borrower-banner');

    await admin.getByLabel('Технические работы включены').uncheck();
    await admin.getByRole('button', { name: 'Сохранить' }).click();
    await admin.getByTestId('maintenance-state').getByText('Сайт работает').waitFor();
    await banner.waitFor({ state: 'detached', timeout: BANNER_WAIT_MS });
    await shot(site, 'maintenance-03-borrower-no-banner');

    await borrower.close();
    await office.close();
  }, 90_000);
});
