import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { runDueJobs } from '../../src/server/jobs/run-jobs';
import { advertisingSendJob } from '../../src/server/modules/engagement/send-advertising';
import { todayOf } from '../support/servicing';
import { staffClient } from '../support/staff';
import { registerBorrower, TestClient } from '../support/test-app';
import { shot, useBrowserStand } from './browser';

const stand = useBrowserStand();

describe('the one-click advertising withdrawal in the browser', () => {
  it('the link from an advertising SMS withdraws the consent with one press, without signing in', async () => {
    const { t } = stand;
    const c = new TestClient(t.app, '203.0.113.61');
    await registerBorrower(c, t.deps);
    expect((await c.put('/api/me/advertising-consent', { granted: true })).statusCode).toBe(200);
    const senior = await staffClient(t, 'senior');
    const today = todayOf(t);
    const created = await senior.client.post('/api/backoffice/campaigns', {
      title: 'Осенний розыгрыш',
      organiser: 'ООО МКК «Смсфинанс» (демо)',
      prizeFund: '1000000',
      prizesCount: 1,
      prizeDescription: 'сертификат на 10 000 ₽',
      startsOn: today,
      endsOn: addDays(today, 7),
      drawOn: addDays(today, 8),
      winnersNotice: 'Победителю позвонят.',
    });
    await senior.client.post(`/api/backoffice/campaigns/${created.json().id}/publish`);
    while ((await runDueJobs(t.deps, { 'advertising.send': advertisingSendJob })) > 0);
    const ad = (await c.get('/api/me/notifications'))
      .json()
      .items.find((m: { kind: string }) => m.kind === 'advertising');
    const path = ad.text.match(/\/ad-stop\/[A-Za-z0-9_-]+$/)[0];

    const context = await stand.browser.newContext({
      viewport: { width: 360, height: 780 },
      locale: 'ru-RU',
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(`${stand.base}${path}`);
    const button = page.getByRole('button', { name: 'Отказаться от рекламы' });
    await button.waitFor();
    await shot(page, '70-advertising-stop');
    await button.click();
    await page.getByTestId('advertising-stopped').waitFor();
    expect((await c.get('/api/me/advertising-consent')).json().granted).toBe(false);
    // Opened again: it says the advertising is off, and offers nothing more to press.
    await page.reload();
    await page.getByTestId('advertising-stopped').waitFor();
    expect(await button.count()).toBe(0);
    expect(consoleErrors).toEqual([]);

    await page.goto(`${stand.base}/ad-stop/AAAAAAAAAAAAAAAAAAAAAA`);
    await page.getByText('Ссылка не найдена').waitFor();
    await context.close();
  });
});
