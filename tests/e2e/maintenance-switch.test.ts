import { describe, expect, it } from 'vitest';
import { insertStaff } from '../../src/server/modules/backoffice/staff-repository';
import { openStaffSession } from '../../src/server/modules/backoffice/staff-session-store';
import { TestClient, registerBorrower } from '../support/test-app';
import { shot, useBrowserStand } from './browser';

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
    await site.getByLabel('Номер телефона').fill(person.phone.slice(2));
    await site.getByLabel('Пароль', { exact: true }).fill(person.password);
    await site.getByRole('button', { name: 'Войти' }).click();
    await site.waitForURL(/\/account/);
    const banner = site.getByTestId('maintenance-banner');
    expect(await banner.count()).toBe(0);

    // The admin, with a staff session given directly (the TOTP sign-in is another helper's; the lead switches it).
    const member = await insertStaff(t.deps.db, {
      login: 'e2e-admin',
      displayName: 'Админ Тестов',
      role: 'admin',
      passwordHash: 'not-used-by-tests',
    });
    const { token } = await openStaffSession(t.deps, {
      db: t.deps.db,
      staffId: member.id,
      meta: { ip: '127.0.0.1', userAgent: 'e2e' },
    });
    const office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    await office.addCookies([{ name: 'bsid', value: token, url: base }]);
    const admin = await office.newPage();
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
