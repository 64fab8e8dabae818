import { describe, expect, it } from 'vitest';
import { processDuePayouts } from '../../src/server/modules/lending/process-payouts';
import { pdfText } from '../support/pdf-text';
import { TestClient, lastCodeSentTo, registerBorrower } from '../support/test-app';
import { openPage, shot, submitSignIn, useBrowserStand } from './browser';

const stand = useBrowserStand();

describe('the borrower’s own data in the browser', () => {
  it('completes the address with suggestions → applies (prefilled) → signs → finds the signed contract in «Мои документы» → sees the sign-in and the signature in the history', async () => {
    const { person } = await registerBorrower(new TestClient(stand.t.app, '203.0.113.95'), stand.t.deps);
    const { context, page, consoleErrors } = await openPage(stand, { width: 1280, height: 900 });

    await page.goto(`${stand.base}/login`);
    await submitSignIn(page, person);
    await page.waitForURL(/\/account$/);

    // The profile asks for the place of birth and the registration address; a suggestion fills the parts.
    await page.goto(`${stand.base}/account/profile`);
    await page.getByLabel('Место рождения (как в паспорте)').fill('гор. Казань');
    await page.getByRole('combobox', { name: 'Адрес регистрации' }).fill('Казань Бауман');
    await page.getByRole('option', { name: '420111, Респ Татарстан, г Казань, ул Баумана, д 5' }).click();
    expect(await page.getByLabel('Город или населённый пункт').inputValue()).toBe('г Казань');
    expect(await page.getByLabel('Дом, корпус, строение').inputValue()).toBe('5');
    // No flat yet: the server says where.
    await page.getByRole('button', { name: 'Сохранить адрес' }).click();
    await page.getByText('Укажите номер квартиры или отметьте «частный дом»').waitFor();
    await page.getByLabel('Квартира').fill('12');
    await page.getByRole('button', { name: 'Сохранить адрес' }).click();
    await page.getByText('420111, Респ Татарстан, г Казань, ул Баумана, д 5, кв 12').waitFor();

    // Employment kept in the profile…
    await page.getByRole('combobox', { name: 'Занятость' }).click();
    await page.getByRole('option', { name: 'Работаю по найму' }).click();
    await page.getByLabel('Доход в месяц после налогов, ₽').fill('60000');
    await page.getByRole('button', { name: 'Сохранить занятость' }).click();
    await page.getByText('Сохранено').waitFor();
    await shot(page, '40-profile-data');

    // …starts the application form, which the borrower confirms.
    await page.goto(`${stand.base}/account/apply?product=payday&amount=10000&term=30`);
    await page.getByText('Заполнено по данным из профиля').waitFor();
    expect(await page.getByRole('combobox', { name: 'Занятость' }).inputValue()).toBe('Работаю по найму');
    expect(await page.getByLabel('Доход в месяц после налогов, ₽').inputValue()).toBe('60 000');
    await page.getByLabel('Номер карты').fill('2200 0000 0000 0004');
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await page.getByText('Заявка одобрена', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Получить код для подписания' }).click();
    // The code step shows once the server has sent the code.
    await page.getByRole('link', { name: 'Открыть договор (PDF)' }).waitFor();
    await page.getByLabel('Код из СМС').fill(await lastCodeSentTo(stand.t.deps, person.phone));
    await page.getByRole('button', { name: 'Подписать договор' }).click();
    await page.getByText('Договор подписан. Перечисляем деньги…').waitFor();
    await processDuePayouts(stand.t.deps);
    stand.t.clock.advance(3000);
    await processDuePayouts(stand.t.deps);

    // «Мои документы»: the signed contract, with its signature block in the PDF.
    await page.getByRole('link', { name: 'Документы' }).click();
    await page.getByRole('heading', { name: 'Мои документы' }).waitFor();
    const contract = page.locator('li', { hasText: /Договор займа № / });
    await contract.getByText('Подписан', { exact: true }).waitFor();
    expect(await contract.textContent()).toMatch(/кодом из СМС № [0-9a-f-]{36}/);
    await shot(page, '41-documents');
    const href = await contract.getByRole('link', { name: /Скачать PDF/ }).getAttribute('href');
    const pdf = await context.request.get(`${stand.base}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = (await pdfText(await pdf.body())).replace(/\s+/g, ' ');
    expect(text).toContain('ЛИСТ ПОДПИСАНИЯ ЭЛЕКТРОННОГО ДОКУМЕНТА');
    expect(text).toContain('Регистрация: 420111, Респ Татарстан, г Казань, ул Баумана, д 5, кв 12');

    // The history: this sign-in and the signature.
    await page.getByRole('link', { name: 'История' }).click();
    await page.getByRole('heading', { name: 'История действий' }).waitFor();
    await page.getByText('Договор займа подписан кодом из СМС').waitFor();
    await page.getByText('Вход в личный кабинет').first().waitFor();
    await page
      .getByText(/по паролю · Chrome/)
      .first()
      .waitFor();
    await page.locator('label', { hasText: /^Входы$/ }).click();
    await page.getByRole('button', { name: 'Это был не я' }).first().waitFor();
    // The filtered list replaces the full one when its answer comes: wait for the signature's line to go.
    await page.getByText('Договор займа подписан кодом из СМС').waitFor({ state: 'detached' });
    await shot(page, '42-activity');

    // The only console error is the refused address without a flat (a 400 the form explains).
    expect(consoleErrors).toEqual([expect.stringMatching(/^Failed to load resource: .*status of 400/)]);
    await context.close();
  });
});
