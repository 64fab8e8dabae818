import { describe, expect, it } from 'vitest';
import { processDuePayouts } from '../../src/server/modules/lending/process-payouts';
import { TestClient, lastCodeSentTo, registerBorrower } from '../support/test-app';
import { openPage, shot, submitSignIn, useBrowserStand } from './browser';

const stand = useBrowserStand();

const NBSP = '\u00a0';

describe('a borrower takes a loan in the browser', () => {
  it('applies → is approved → signs the contract by SMS → gets the money → sees the loan on the dashboard', async () => {
    const { person } = await registerBorrower(new TestClient(stand.t.app, '203.0.113.90'), stand.t.deps);
    // The browser's «today» is the server's: the next payment is counted from the test clock's date.
    const { context, page, consoleErrors } = await openPage(stand);
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400)
        failed.push(`${r.status()} ${new URL(r.url()).pathname.replace(/[\da-f-]{36}/, ':id')}`);
    });

    // The application form asks to sign in first and comes back with its terms.
    await page.goto(`${stand.base}/account/apply?product=payday&amount=10000&term=30`);
    await submitSignIn(page, person);
    await page.getByRole('heading', { name: 'Заявка на заём' }).waitFor();
    expect(page.url()).toContain('/account/apply?product=payday&amount=10000&term=30');

    await page.getByRole('combobox', { name: 'Занятость' }).click();
    await page.getByRole('option', { name: 'Работаю по найму' }).click();
    await page.getByLabel('Доход в месяц после налогов, ₽').fill('60000');
    await page.getByLabel('Номер карты').fill('2200 0000 0000 0004');
    await page.getByText(`10${NBSP}000${NBSP}₽`).first().waitFor();
    await shot(page, '10-apply');
    await page.getByRole('button', { name: 'Отправить заявку' }).click();

    // Approved at once: the offer, then signing.
    await page.getByText('Заявка одобрена', { exact: true }).waitFor();
    expect(await page.textContent('body')).toContain(`10${NBSP}000${NBSP}₽`);
    await page.getByRole('button', { name: 'Получить код для подписания' }).click();
    const pdfLink = page.getByRole('link', { name: 'Открыть договор (PDF)' });
    await pdfLink.waitFor();
    await page
      .getByText('Проверьте договор. Код из СМС подтверждает подписание именно этой версии')
      .waitFor();
    const pdf = await context.request.get(`${stand.base}${await pdfLink.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(await pdfLink.getAttribute('target')).toBe('_blank');

    // A wrong code is told at the field; the right one signs.
    await page.getByLabel('Код из СМС').fill('000000');
    await page.getByRole('button', { name: 'Подписать договор' }).click();
    await page.getByText(/Осталось попыток/).waitFor();
    await page.getByLabel('Код из СМС').fill(await lastCodeSentTo(stand.t.deps, person.phone));
    await shot(page, '11-approved');
    await page.getByRole('button', { name: 'Подписать договор' }).click();
    await page.getByText('Договор подписан. Перечисляем деньги…').waitFor();
    await page.getByRole('button', { name: 'Отказаться от займа' }).waitFor();
    await shot(page, '12-signed');

    // The payout worker sends the money; the fake provider settles on the first poll a second later.
    await processDuePayouts(stand.t.deps);
    stand.t.clock.advance(3000);
    await processDuePayouts(stand.t.deps);
    await page.getByText(/^Деньги отправлены: Карта МИР •+ 0004$/).waitFor();
    await page.getByRole('link', { name: 'Открыть договор (PDF)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Отказаться от займа' }).count()).toBe(0);
    await shot(page, '12b-paid-out');

    // The dashboard: the loan and its next payment (10 000 ₽ at 0 % for 30 days from 24.11.2026).
    await page.goto(`${stand.base}/account`);
    const loan = page.locator('.mantine-Paper-root', {
      has: page.getByRole('heading', { name: 'Мой заём' }),
    });
    await loan.waitFor();
    const text = await loan.textContent();
    expect(text).toContain('К оплате по графику');
    expect(text).toContain(`10${NBSP}000${NBSP}₽`);
    expect(text).toContain('24.12.2026');
    expect(text).toContain(`осталось 30${NBSP}дней`);
    await shot(page, '13-dashboard-loan');
    // The principal outstanding comes from the ledger.
    await page.getByText('Остаток основного долга').waitFor();
    // One loan at a time: no calculator for a new one while this loan is held.
    expect(await page.getByText('Новый заём').count()).toBe(0);
    await loan.getByRole('link', { name: 'График платежей и договор' }).click();
    await page.getByRole('heading', { name: 'График платежей' }).waitFor();

    // Only the wrong code failed (a guest's «who am I» is a 200 now), and that is the only console error.
    expect(failed).toEqual(['400 /api/me/applications/:id/sign']);
    expect(consoleErrors).toEqual([expect.stringMatching(/^Failed to load resource: .*status of 400/)]);
    await context.close();
  });
});
