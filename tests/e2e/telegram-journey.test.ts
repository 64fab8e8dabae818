import { describe, expect, it } from 'vitest';
import { TestClient, registerBorrower } from '../support/test-app';
import { openPage, shot, submitSignIn, useBrowserStand } from './browser';

const stand = useBrowserStand();

describe('a borrower links Telegram in the browser through the demo bot', () => {
  it('link → «Запустить» on /dev/telegram → the code in the account → confirmed → unlinked', async () => {
    const { person } = await registerBorrower(new TestClient(stand.t.app, '203.0.113.93'), stand.t.deps);
    const { context, page, consoleErrors } = await openPage(stand);

    await page.goto(`${stand.base}/account/notifications`);
    await submitSignIn(page, person);
    await page.getByRole('button', { name: 'Подключить Telegram' }).click();
    const open = page.getByRole('link', { name: /Открыть бота @demo_mfo_bot/ });
    await open.waitFor();
    await shot(page, 'telegram-01-link');

    const [bot] = await Promise.all([context.waitForEvent('page'), open.click()]);
    await bot.getByRole('button', { name: 'Запустить' }).click();
    const codeText = bot.getByText(/Код подтверждения: \d{6}/);
    await codeText.waitFor();
    await shot(bot, 'telegram-02-bot-code');
    const code = /Код подтверждения: (\d{6})/.exec((await codeText.textContent()) ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);

    await page.bringToFront();
    await page.getByLabel('Код из Telegram').fill(code);
    await shot(page, 'telegram-03-confirm');
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText(/Уведомления приходят в Telegram \(Мария\)/).waitFor();
    await shot(page, 'telegram-04-confirmed');

    await bot.bringToFront();
    await bot.getByText(/^Готово: уведомления/).waitFor();

    await page.bringToFront();
    await page.getByRole('button', { name: 'Отключить Telegram' }).click();
    await page.getByRole('button', { name: 'Подключить Telegram' }).waitFor();
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });
});
