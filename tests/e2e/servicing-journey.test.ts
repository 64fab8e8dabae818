import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { passDays, payNow, takeLoan } from '../support/servicing';
import { TestClient, lastCodeSentTo, registerBorrower } from '../support/test-app';
import { openPage, shot, submitSignIn, useBrowserStand } from './browser';

const stand = useBrowserStand();

/** Amounts as the site writes them, «10 000 ₽»: no-break spaces between the digit groups and before the sign. */
const rub = (text: string) => text.replace(/(\d) (?=\d{3}(?!\d))/g, '$1\u00a0').replace(/ ₽/g, '\u00a0₽');

/** What a block shows, one line per line of text (blank lines between paragraphs dropped). */
const lines = async (block: Locator) => (await block.innerText()).replace(/\s*\n\s*/g, '\n').trim();

/** The demo acquirer's page: the amount it asks for, then the payer's «Оплатить». */
async function payOnDemoPage(page: Page, amount: string) {
  await page.waitForURL(/\/fake-acquiring\/pay\/[^/]+$/);
  expect(await page.locator('.amount').textContent()).toBe(rub(amount));
  await page.getByText('Это демонстрационная оплата: деньги не списываются.').waitFor();
}

describe('a borrower services a loan in the browser', () => {
  it('pays part of the debt by card → extends the loan by SMS and pays for it → repays in full → gets the certificate', async () => {
    const { t } = stand;
    // Set up through the API: the first loan (0 %) taken and repaid, the second — 10 000 ₽ for 30 days at
    // 0.8 % a day, due 24.12.2026 — paid out on 24.11.2026. Three days later the borrower comes to the site.
    const c = new TestClient(t.app, '203.0.113.91');
    const { person } = await registerBorrower(c, t.deps);
    const first = await takeLoan(t, c, person.phone);
    await payNow(t, c, first.id, { purpose: 'payoff' });
    const loan = await takeLoan(t, c, person.phone, { productId: 'payday', amount: '1000000', term: 30 });
    expect(loan).toMatchObject({ dailyRateBp: 80, nextPayment: { dueDate: '2026-12-24' } });
    await passDays(t, 3);

    // The browser's «today» is the server's.
    const { context, page, consoleErrors } = await openPage(stand);
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400)
        failed.push(`${r.status()} ${new URL(r.url()).pathname.replace(/[\da-f-]{36}/g, ':id')}`);
    });
    const loanPath = `/account/loans/${loan.id}`;
    const onLoanPage = (url: URL) => url.pathname === loanPath;
    const backFromPayment = (url: URL) => onLoanPage(url) && url.searchParams.has('payment');

    const myLoan = page.locator('.mantine-Paper-root', {
      has: page.getByRole('heading', { name: 'Мой заём' }),
    });
    /** A line of «Мой заём» on the dashboard, waited for until it says `value`. */
    const expectLine = (term: string, value: string) =>
      expect
        .poll(
          () => lines(myLoan.locator(`xpath=.//dt[normalize-space(.)="${term}"]/following-sibling::dd[1]`)),
          {
            timeout: 15_000,
          },
        )
        .toBe(value);
    const paymentReturn = page.getByRole('status').filter({ hasText: 'Платёж зачислен' });
    const debtCard = page.locator('.mantine-Paper-root', {
      has: page.getByRole('heading', { name: 'Задолженность на сегодня' }),
    });
    const paymentsSection = page.locator('.mantine-Paper-root', {
      has: page.getByRole('heading', { name: 'Платежи', exact: true }),
    });
    const payButton = page.getByRole('button', { name: 'Перейти к оплате' });
    const demoPay = page.getByRole('button', { name: 'Оплатить', exact: true });

    // ── Day 3 (27.11.2026): the dashboard; three days of interest, 240 ₽, are in the payment.
    await page.goto(`${stand.base}/account`);
    await submitSignIn(page, person);
    await expectLine('К оплате по графику', rub('10 240 ₽'));
    await expectLine('Остаток основного долга', rub('10 000 ₽'));
    await expectLine('Следующий платёж', '24.12.2026 — осталось 27\u00a0дней');
    await shot(page, '20-dashboard-loan');

    // The loan page from the dashboard.
    await myLoan.getByRole('link', { name: 'Подробнее и оплата' }).click();
    await page.waitForURL(onLoanPage);
    await debtCard.waitFor();
    await page.getByRole('heading', { name: 'Заём «До\u00a0зарплаты»' }).waitFor();
    // The next payment of a payday loan is all of it: a part, 1 000 ₽, is paid as «Другая сумма».
    const next = page.getByRole('radio', { name: /^Следующий платёж/ });
    expect(await next.isChecked()).toBe(true);
    await page.getByText(rub('Следующий платёж — 10 240 ₽')).waitFor();
    await page.getByText(rub('Погасить полностью — 10 240 ₽')).waitFor();
    await page.getByRole('radio', { name: /^Другая сумма/ }).check();
    await page.getByLabel('Сумма, ₽').fill('1000');
    await page.getByText('Заём не закроется').waitFor();
    await page
      .getByText(
        rub(
          'Для полного погашения нужно 10 240 ₽. После платежа останется вернуть 11 235,84 ₽ до 24.12.2026.',
        ),
      )
      .waitFor();
    await page.getByText(rub('К оплате: 1 000 ₽')).waitFor();
    await shot(page, '21-pay-custom');
    await payButton.click();

    await payOnDemoPage(page, '1 000 ₽');
    await shot(page, '22-demo-payment-page');
    await demoPay.click();

    // Back on the loan page: credited, interest first, then the principal.
    await page.waitForURL(backFromPayment);
    await paymentReturn.waitFor();
    expect(await lines(paymentReturn)).toBe(
      rub(
        'Платёж зачислен\n1 000 ₽, дата платежа 27.11.2026.\nПроценты\n240 ₽\nОсновной долг\n760 ₽\nЧек об оплате',
      ),
    );
    const firstPayment = paymentsSection.getByRole('listitem').filter({ hasText: 'Досрочное погашение' });
    await firstPayment.getByText('Зачислен', { exact: true }).waitFor();
    expect(await lines(firstPayment)).toContain(rub('1 000 ₽'));
    expect(await lines(debtCard)).toContain(rub('Итого\n9 240 ₽'));
    // The credited attempt is over: the form offers the next payment again, not another 1 000 ₽.
    expect(await next.isChecked()).toBe(true);
    await page.getByText(rub('К оплате: 9 240 ₽')).waitFor();
    await shot(page, '23-paid-custom');

    // The dashboard shows the smaller debt.
    await page.getByRole('link', { name: '← В личный кабинет' }).click();
    await expectLine('Остаток основного долга', rub('9 240 ₽'));
    await expectLine('Задолженность на сегодня', rub('9 240 ₽'));

    // ── Day 5 (29.11.2026): the session has ended meanwhile; the borrower signs in again and extends the loan.
    await passDays(t, 2);
    await context.clock.setFixedTime(t.clock.now());
    await page.reload();
    await submitSignIn(page, person);
    await page.waitForURL((url) => url.pathname === '/account');
    // 9 240 ₽ × 0.8 % × 2 days.
    await expectLine('К оплате по графику', rub('9 387,84 ₽'));
    await myLoan.getByRole('link', { name: 'Продлить' }).click();
    await page.waitForURL((url) => onLoanPage(url) && url.hash === '#prolongation');
    const prolongation = page.locator('#prolongation');
    await prolongation.getByText('Продлить на', { exact: true }).waitFor();
    // From 7 days (the least) to 14 with the keyboard.
    const slider = prolongation.getByRole('slider', { name: 'Продлить на, дней' });
    for (let days = 8; days <= 14; days++) {
      await slider.press('ArrowRight');
      await prolongation.locator(`[role="slider"][aria-valuenow="${days}"]`).waitFor();
    }
    await prolongation.getByText('11.01.2027 (вместо 24.12.2026)').waitFor();
    expect(await lines(prolongation)).toContain(rub('Заплатить сейчас\n147,84 ₽'));
    await shot(page, '24-prolong-quote');
    await prolongation.getByRole('button', { name: 'Оформить' }).click();

    // The addendum and the code sent for it.
    const code = prolongation.getByLabel('Код из СМС');
    await code.waitFor();
    await prolongation.getByRole('link', { name: 'Открыть допсоглашение (PDF)' }).waitFor();
    expect(await lines(prolongation)).toContain('Продление\n14\u00a0дней');
    await code.fill(await lastCodeSentTo(t.deps, person.phone));
    await shot(page, '25-prolong-sign');
    await prolongation.getByRole('button', { name: 'Подписать допсоглашение' }).click();

    // Signed: the interest is paid on the provider's page, then the new date is in force.
    await prolongation.getByText('Допсоглашение подписано').waitFor();
    await prolongation
      .getByText(rub('Оплатите 147,84 ₽ — после оплаты заём будет продлён до 11.01.2027.'))
      .waitFor();
    await shot(page, '26-prolong-pay');
    await prolongation.getByRole('button', { name: rub('Оплатить 147,84 ₽') }).click();
    await payOnDemoPage(page, '147,84 ₽');
    await demoPay.click();
    await page.waitForURL(backFromPayment);
    await paymentReturn.waitFor();
    expect(await lines(paymentReturn)).toContain(
      rub('147,84 ₽, дата платежа 29.11.2026. Заём продлён до 11.01.2027.'),
    );
    const nextPaymentCard = page.locator('.mantine-Paper-root', {
      has: page.getByRole('heading', { name: 'Следующий платёж' }),
    });
    expect(await lines(nextPaymentCard)).toBe(
      rub('Следующий платёж\n9 240 ₽\nдо 11.01.2027 — осталось 43\u00a0дня\nОплатить'),
    );
    await prolongation.getByText('Продлений: использовано 1 из 5').waitFor();
    await page.getByRole('link', { name: /^Допсоглашение № .+ о пролонгации \(PDF\)$/ }).waitFor();
    await paymentsSection
      .getByRole('listitem')
      .filter({ hasText: 'Оплата пролонгации' })
      .getByText('Зачислен', { exact: true })
      .waitFor();
    await shot(page, '27-prolonged');

    // ── Repaid in full the same day: only the principal is left.
    await page.getByRole('radio', { name: /^Погасить полностью/ }).check();
    await page.getByText(rub('К оплате: 9 240 ₽')).waitFor();
    await payButton.click();
    await payOnDemoPage(page, '9 240 ₽');
    await shot(page, '28-demo-payoff');
    await demoPay.click();
    await page.waitForURL(backFromPayment);
    await paymentReturn.waitFor();
    expect(await lines(paymentReturn)).toContain(
      rub('9 240 ₽, дата платежа 29.11.2026. Заём погашен полностью.'),
    );
    const closed = page.locator('.mantine-Alert-root', { hasText: 'Заём полностью погашен' });
    expect(await lines(closed)).toBe(
      'Заём погашен\nЗаём полностью погашен 29.11.2026. Спасибо!\nСкачать справку о погашении',
    );
    expect(await page.getByRole('main').locator('.mantine-Badge-root').first().innerText()).toBe('Погашен');
    // Nothing to pay or extend any more.
    expect(await payButton.count()).toBe(0);
    expect(await prolongation.count()).toBe(0);
    expect(await paymentsSection.getByText('Зачислен', { exact: true }).count()).toBe(3);
    await shot(page, '29-closed');

    // The repayment certificate: a PDF, opened in a new tab.
    const certificate = closed.getByRole('link', { name: 'Скачать справку о погашении' });
    expect(await certificate.getAttribute('target')).toBe('_blank');
    const href = await certificate.getAttribute('href');
    expect(href).toBe(`/api/me/loans/${loan.id}/certificate`);
    const pdf = await page.request.get(`${stand.base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The dashboard: the loan repaid, a new one may be taken; the messages tell the whole story.
    await page.getByRole('link', { name: '← В личный кабинет' }).click();
    await expectLine('Погашен', '29.11.2026');
    await myLoan.getByRole('link', { name: 'Подробнее и справка' }).waitFor();
    await page.getByRole('heading', { name: 'Новый заём' }).waitFor();
    await shot(page, '30-dashboard-closed');
    await page.getByRole('link', { name: /^Сообщения, \d+ непрочитанн(ое|ых)$/ }).click();
    const messages = page.getByRole('list', { name: 'Сообщения' });
    await messages.getByText(rub('Платёж 1 000 ₽ по договору'), { exact: false }).waitFor();
    const all = await lines(messages);
    expect(all).toMatch(/Платёж 1\u00a0000\u00a0₽ по договору № \S+ зачислен 27\.11\.2026\./);
    expect(all).toMatch(/Заём продлён до 11\.01\.2027 \(допсоглашение № \S+\)\./);
    expect(all).toMatch(/Платёж 147,84\u00a0₽ по договору № \S+ зачислен 29\.11\.2026\./);
    expect(all).toMatch(/Платёж 9\u00a0240\u00a0₽ по договору № \S+ зачислен 29\.11\.2026\./);
    expect(all).toMatch(
      /Заём по договору № \S+ полностью погашен\. Справка о погашении — в личном кабинете\./,
    );
    await shot(page, '31-messages');

    // Nothing failed: a guest's «who am I» (at the start, and after the session ended) is a 200 now.
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
