import { describe, expect, it } from 'vitest';
import { passDays, payNow, signInAgain, takeLoan } from '../support/servicing';
import { TestClient, registerBorrower } from '../support/test-app';
import { openPage, shot, submitSignIn, useBrowserStand } from './browser';

const stand = useBrowserStand();

/** Amounts as the site writes them, «10 000 ₽»: no-break spaces between the digit groups and before the sign. */
const rub = (text: string) => text.replace(/(\d) (?=\d{3}(?!\d))/g, '$1\u00a0').replace(/ ₽/g, '\u00a0₽');

describe('spending bonus points in the browser', () => {
  it('«Списать баллы» takes the points off the interest: the provider asks for less, the points are spent', async () => {
    const { t } = stand;
    // The first loan repaid on time gave 800 points; the second, 10 000 ₽ at 0.8 % a day, has 3 days of interest.
    const c = new TestClient(t.app, '203.0.113.97');
    const { person } = await registerBorrower(c, t.deps);
    const first = await takeLoan(t, c, person.phone);
    await payNow(t, c, first.id, { purpose: 'payoff' });
    const loan = await takeLoan(t, c, person.phone, { productId: 'payday', amount: '1000000', term: 30 });
    await passDays(t, 3);

    const { context, page, consoleErrors } = await openPage(stand);
    await page.goto(`${stand.base}/account/loans/${loan.id}`);
    await submitSignIn(page, person);
    await page.waitForURL((url) => url.pathname.startsWith('/account'));
    if (!page.url().includes(loan.id)) await page.goto(`${stand.base}/account/loans/${loan.id}`);

    await page.getByRole('radio', { name: /^Погасить полностью/ }).check();
    const points = page.getByLabel('Списать баллы');
    await points.waitFor();
    await page.getByText('сейчас можно списать до 240 баллов').waitFor();
    await page.getByRole('button', { name: 'Все', exact: true }).click();
    expect(await points.inputValue()).toBe('240');
    await page.getByText(rub('(баллами — 240 ₽)')).waitFor();
    await shot(page, '62-pay-with-points');
    await page.getByRole('button', { name: 'Перейти к оплате' }).click();

    await page.waitForURL(/\/fake-acquiring\/pay\/[^/]+$/);
    expect(await page.locator('.amount').textContent()).toBe(rub('10 000 ₽'));
    await page.getByRole('button', { name: 'Оплатить', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.has('payment'));
    await page.getByRole('status').filter({ hasText: 'Платёж зачислен' }).waitFor();

    await signInAgain(c, person);
    const bonuses = (await c.get('/api/me/bonuses')).json();
    expect(bonuses.history).toContainEqual(expect.objectContaining({ kind: 'spend', points: 240 }));
    expect(bonuses.balance).toBe(800 - 240 + 100 + 500);
    expect((await c.get(`/api/me/loans/${loan.id}`)).json().status).toBe('closed');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
