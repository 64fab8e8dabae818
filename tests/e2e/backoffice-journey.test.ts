import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/modules/backoffice/demo-staff';
import { TestClient, lastCodeSentTo, registerBorrower } from '../support/test-app';
import { openPage, shot, submitSignIn, useBrowserStand } from './browser';
import { signInStaffInBrowser } from './staff-browser';

const stand = useBrowserStand();

const NBSP = '\u00a0';

describe('a specialist decides an application in the back office', () => {
  it('a large first application goes to review → a specialist claims it and approves less → the borrower signs the new offer', async () => {
    // The borrower applies for 60 000 ₽: a large first loan goes to a specialist.
    const borrower = new TestClient(stand.t.app, '203.0.113.91');
    const { person } = await registerBorrower(borrower, stand.t.deps);
    const applied = await borrower.post('/api/me/applications', {
      productId: 'instalment',
      amount: '6000000',
      term: 26,
      employment: 'employed',
      monthlyIncome: '50000000',
      payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
    });
    const applicationId: string = applied.json().id;
    expect(applied.json().status).toBe('under_review');

    // The demo specialist signs in to the back office with password and TOTP code.
    const specialist = DEMO_STAFF.find((member) => member.role === 'specialist');
    if (!specialist) throw new Error('no demo specialist');
    const staff = await openPage(stand, { width: 1280, height: 900 });
    const { page, consoleErrors } = staff;

    await signInStaffInBrowser(page, stand.base, specialist, { now: stand.t.clock.now() });
    await page.getByRole('heading', { name: 'Обзор' }).waitFor();
    await shot(page, '40-backoffice-overview');
    await page.getByRole('link', { name: 'Очереди' }).click();
    await page.getByRole('heading', { name: 'Очереди' }).waitFor();
    const fullName = `${person.surname} ${person.name} ${person.patronymic}`;
    await page.getByRole('button', { name: `Взять в работу: ${fullName}` }).click();
    await page.getByText('У вас').first().waitFor();
    await shot(page, '41-backoffice-queue');
    await page.getByRole('link', { name: fullName }).click();

    await page.getByRole('heading', { name: `Заявка на 60${NBSP}000${NBSP}₽` }).waitFor();
    await page.getByText('Крупный первый заём — решает специалист').waitFor();
    const amount = page.getByLabel('Сумма, ₽');
    await amount.fill('55000');
    await shot(page, '42-backoffice-decision');
    await page.getByRole('button', { name: 'Одобрить', exact: true }).last().click();
    await page.getByText('Одобрена', { exact: true }).waitFor();
    expect(consoleErrors).toEqual([]);
    await staff.context.close();

    // The borrower sees the new offer and signs it as usual.
    const { context, page: bpage } = await openPage(stand);
    await bpage.goto(`${stand.base}/login`);
    await submitSignIn(bpage, person);
    await bpage.waitForURL(/\/account/);
    await bpage.goto(`${stand.base}/account/applications/${applicationId}`);
    await bpage.getByText('Заявка одобрена', { exact: true }).waitFor();
    expect(await bpage.textContent('body')).toContain(`55${NBSP}000${NBSP}₽`);
    await bpage.getByRole('button', { name: 'Получить код для подписания' }).click();
    await bpage.getByRole('link', { name: 'Открыть договор (PDF)' }).waitFor();
    await bpage.getByLabel('Код из СМС').fill(await lastCodeSentTo(stand.t.deps, person.phone));
    await bpage.getByRole('button', { name: 'Подписать договор' }).click();
    await bpage.getByText('Договор подписан. Перечисляем деньги…').waitFor();
    await shot(bpage, '43-borrower-signed-reviewed-offer');
    await context.close();
  });
});
