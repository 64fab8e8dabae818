import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/modules/backoffice/demo-staff';
import { TestClient, registerBorrower } from '../support/test-app';
import { openPage, shot, submitSignIn, useBrowserStand } from './browser';
import { signInStaffInBrowser } from './staff-browser';

const stand = useBrowserStand();

describe('a letter from a specialist', () => {
  it('the specialist writes from the borrower card → the borrower finds it in «Мои документы» and downloads the PDF', async () => {
    const borrower = new TestClient(stand.t.app, '203.0.113.97');
    const { person, me } = await registerBorrower(borrower, stand.t.deps);

    const specialist = DEMO_STAFF.find((member) => member.role === 'specialist');
    if (!specialist) throw new Error('no demo specialist');
    const staff = await openPage(stand, { width: 1280, height: 900 });
    const { page, consoleErrors } = staff;
    await signInStaffInBrowser(page, stand.base, specialist, { now: stand.t.clock.now() });
    await page.goto(`${stand.base}/backoffice/borrowers/${me.id}`);
    await page
      .getByRole('heading', { name: `${person.surname} ${person.name} ${person.patronymic}` })
      .waitFor();
    await page.getByRole('button', { name: 'Написать письмо' }).click();
    await page.getByLabel('Тема').fill('Справка по вашему обращению');
    await page.getByLabel('Текст письма').fill('Здравствуйте!\n\nВаш платёж учтён, задолженности нет.');
    await shot(page, '48-backoffice-letter');
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByText('Письмо отправлено').waitFor();
    expect(consoleErrors).toEqual([]);
    await staff.context.close();

    const { context, page: bpage } = await openPage(stand);
    await bpage.goto(`${stand.base}/login`);
    await submitSignIn(bpage, person);
    await bpage.waitForURL(/\/account/);
    await bpage.goto(`${stand.base}/account/documents`);
    const title = 'Письмо специалиста: Справка по вашему обращению';
    await bpage.getByText(title, { exact: true }).waitFor();
    await bpage.getByText('Получено', { exact: true }).waitFor();
    await shot(bpage, '49-borrower-letter-in-documents');
    const letter = bpage.locator('li', { hasText: title });
    const href = await letter.getByRole('link', { name: /Скачать PDF/ }).getAttribute('href');
    expect(href).toMatch(/^\/api\/me\/documents\/letters\/[0-9a-f-]{36}\/pdf$/);
    const pdf = await context.request.get(`${stand.base}${href}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
