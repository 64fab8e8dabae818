import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { verifyDraw } from '../../src/domain/draw';
import { nodeDrawHashes } from '../../src/server/modules/engagement/draw-hashes';
import { insertStaff } from '../../src/server/modules/backoffice/staff-repository';
import { openStaffSession } from '../../src/server/modules/backoffice/staff-session-store';
import { payNow, takeLoan, todayOf } from '../support/servicing';
import { staffClient } from '../support/staff';
import { TestClient, registerBorrower } from '../support/test-app';
import { openPage, shot, submitSignIn, useBrowserStand } from './browser';

const stand = useBrowserStand();
const DAY = 86_400_000;

describe('bonuses and a raffle in the browser', () => {
  it('pay on time → points and a raffle entry → a senior runs the draw in the back office → the public page verifies → the borrower sees the result', async () => {
    const { t } = stand;
    const today = todayOf(t);
    // A senior has published a campaign open today, drawn tomorrow.
    const senior = await staffClient(t, 'senior');
    const campaign = (
      await senior.client.post('/api/backoffice/campaigns', {
        title: 'Осенний розыгрыш',
        organiser: 'ООО МКК «Смсфинанс» (демо)',
        prizeFund: '500000',
        prizesCount: 1,
        prizeDescription: 'сертификат на 5 000 ₽',
        startsOn: today,
        endsOn: today,
        drawOn: addDays(today, 1),
        winnersNotice: 'Победителю напишем в личном кабинете.',
      })
    ).json();
    await senior.client.post(`/api/backoffice/campaigns/${campaign.id}/publish`);

    // The borrower takes a loan and repays it on time (through the API).
    const c = new TestClient(t.app, '203.0.113.95');
    const { person } = await registerBorrower(c, t.deps);
    const loan = await takeLoan(t, c, person.phone);
    await payNow(t, c, loan.id, { purpose: 'payoff' });

    const { context, page, consoleErrors } = await openPage(stand);
    await page.goto(`${stand.base}/account/bonuses`);
    await submitSignIn(page, person);
    await page.waitForURL(/\/account/);
    if (!page.url().endsWith('/account/bonuses')) await page.goto(`${stand.base}/account/bonuses`);
    await expect.poll(() => page.getByTestId('points-balance').textContent()).toBe('800\u00a0баллов');
    await page.getByRole('cell', { name: 'Заём погашен в срок' }).waitFor();
    const mine = page.getByTestId('my-raffle');
    await expect.poll(() => mine.textContent()).toContain('Ваших записей: 1');
    await shot(page, '60-bonuses');

    // The next day a senior closes the entries and runs the draw in the back office (session cookie set directly).
    t.clock.advance(DAY);
    const member = await insertStaff(t.deps.db, {
      login: `senior-e2e-${Date.now()}`,
      displayName: 'Старший Тест',
      role: 'senior',
      passwordHash: 'not-used',
    });
    const { token } = await openStaffSession(t.deps, {
      db: t.deps.db,
      staffId: member.id,
      meta: { ip: '127.0.0.1', userAgent: 'e2e' },
    });
    const staffContext = await stand.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ru-RU',
    });
    await staffContext.addCookies([{ name: 'bsid', value: token, url: stand.base }]);
    const bo = await staffContext.newPage();
    await bo.goto(`${stand.base}/backoffice/campaigns`);
    const card = bo.getByTestId('campaign').filter({ hasText: 'Осенний розыгрыш' });
    await card.getByRole('button', { name: 'Закрыть приём участий' }).click();
    await card.getByRole('button', { name: 'Провести розыгрыш' }).click();
    await expect.poll(() => card.textContent()).toContain('победителей: 1');
    await shot(bo, '61-backoffice-draw');

    // The public page (no sign-in) shows the seed and the winner; the data verifies.
    const guest = await stand.browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ru-RU' });
    const pub = await guest.newPage();
    await pub.goto(`${stand.base}/draws/${campaign.id}`);
    await expect.poll(() => pub.getByTestId('draw-status').textContent()).toBe('Розыгрыш проведён');
    expect(await pub.getByTestId('draw-winner').textContent()).toBe(
      `${person.name} ${person.surname.slice(0, 1)}.`,
    );
    await shot(pub, '62-public-draw');
    const data = await (await pub.request.get(`${stand.base}/api/draws/${campaign.id}`)).json();
    expect(verifyDraw(nodeDrawHashes, { ...data, prizes: data.prizesCount })).toEqual({
      commitmentMatches: true,
      entriesHashMatches: true,
      winnersMatch: true,
    });

    // The borrower sees the result (after signing in again: a day has passed).
    await context.clock.setFixedTime(t.clock.now());
    await page.goto(`${stand.base}/account/bonuses`);
    const password = page.getByLabel('Пароль', { exact: true });
    await password.or(page.getByTestId('points-balance')).first().waitFor();
    if (await password.isVisible()) {
      await submitSignIn(page, person);
      await page.waitForURL(/\/account/);
      if (!page.url().endsWith('/account/bonuses')) await page.goto(`${stand.base}/account/bonuses`);
    }
    await expect.poll(() => page.getByTestId('my-raffle').textContent()).toContain('Вы выиграли: 1-е место');
    await shot(page, '63-bonuses-won');
    expect(consoleErrors).toEqual([]);
    await Promise.all([context.close(), staffContext.close(), guest.close()]);
  });
});
