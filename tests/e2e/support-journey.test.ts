import { describe, expect, it } from 'vitest';
import { staffClient } from '../support/staff';
import { TestClient, registerBorrower } from '../support/test-app';
import { shot, useBrowserStand } from './browser';

const stand = useBrowserStand();

/** A 1×1 PNG: the «photo» of a receipt. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const cookiesOf = (client: TestClient, base: string) =>
  [...(client['cookies'] as Map<string, string>)].map(([name, value]) => ({ name, value, url: base }));

describe('questions to a specialist in two browsers', () => {
  it('a borrower asks with a photo; a specialist answers in the back office; the open page shows it without reload', async () => {
    const borrowerClient = new TestClient(stand.t.app, '203.0.113.121');
    await registerBorrower(borrowerClient, stand.t.deps);
    const specialist = await staffClient(stand.t, 'specialist', { displayName: 'Анна Смирнова' });

    const borrowerContext = await stand.browser.newContext({
      viewport: { width: 360, height: 780 },
      locale: 'ru-RU',
    });
    await borrowerContext.addCookies(cookiesOf(borrowerClient, stand.base));
    const page = await borrowerContext.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto(`${stand.base}/account/support`);
    await page.getByRole('heading', { name: 'Новый вопрос' }).waitFor();
    await page.getByLabel('Тема').first().click();
    await page.getByRole('option', { name: 'Платёж и погашение' }).click();
    await page.getByRole('textbox', { name: /^Вопрос/ }).fill('Платёж не зачислен, чек во вложении');
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'чек.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Отправить вопрос' }).click();
    await page.waitForURL(/\/account\/support\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: /чек\.png/ }).waitFor();
    const conversationId = page.url().split('/').at(-1)!;
    await shot(page, 'support-01-asked');

    const deskContext = await stand.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'ru-RU',
    });
    await deskContext.addCookies(cookiesOf(specialist.client, stand.base));
    const desk = await deskContext.newPage();
    await desk.goto(`${stand.base}/backoffice/support/${conversationId}`);
    await desk.getByText('Платёж не зачислен, чек во вложении').waitFor();
    await desk.getByLabel('Ответ').fill('Платёж зачислен сегодня, спасибо за чек');
    await desk.getByRole('button', { name: 'Ответить заёмщику' }).click();
    await desk
      .getByText(/Ждём заёмщика/)
      .first()
      .waitFor();
    await shot(desk, 'support-02-desk-answered');

    // The borrower's page was not reloaded: the answer arrives through the live event stream.
    await page.getByText('Платёж зачислен сегодня, спасибо за чек').waitFor({ timeout: 10_000 });
    await page.getByText(/Специалист Анна Смирнова/).waitFor();
    await shot(page, 'support-03-answer-live');

    // Asking to end the relationship from the conversation: the first press asks once more, the second files it;
    // the specialist's open page shows the request live.
    await page.getByRole('button', { name: 'Прекратить отношения' }).click();
    await page.getByRole('button', { name: 'Отмена' }).click();
    await page.getByRole('button', { name: 'Прекратить отношения' }).click();
    await page.getByRole('button', { name: 'Да, подать просьбу' }).click();
    await page
      .getByTestId('relationship-end')
      .getByText(/принята/)
      .waitFor();
    await shot(page, 'support-04-end-requested');
    await desk.getByRole('button', { name: 'Оформить прекращение отношений' }).waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
    await Promise.all([borrowerContext.close(), deskContext.close()]);
  });

  it('the help page answers from the sign-in form, each answer ending in its action', async () => {
    const context = await stand.browser.newContext({
      viewport: { width: 360, height: 780 },
      locale: 'ru-RU',
    });
    const page = await context.newPage();
    await page.goto(`${stand.base}/login`);
    await page.getByRole('link', { name: 'Почему не получается войти?' }).click();
    await page.getByRole('link', { name: 'Восстановить пароль' }).click();
    await page.waitForURL(/\/recover$/);
    await page.goto(`${stand.base}/help`);
    for (const question of [
      'Не приходит СМС',
      'Платёж не зачислен',
      'Как сменить номер телефона',
      'Как прекратить отношения',
    ])
      await page.getByRole('button', { name: question }).waitFor();
    await page.getByRole('link', { name: 'Telegram-канале' }).waitFor();
    await context.close();
  });
});
