import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/modules/backoffice/demo-staff';
import { passDays, repeatBorrowerWithLoan } from '../support/servicing';
import { TestClient } from '../support/test-app';
import { seriousAxeFindings } from './axe-check';
import { openPage, shot, useBrowserStand } from './browser';
import { signInStaffInBrowser } from './staff-browser';

const stand = useBrowserStand();

describe('the borrower card in the back office', () => {
  it('shows a loan that accrued interest in Russian, with the interest not yet booked apart', async () => {
    const borrower = new TestClient(stand.t.app, '203.0.113.98');
    await repeatBorrowerWithLoan(stand.t, borrower);
    const me = (await borrower.get('/api/me')).json();
    // Three quiet days (24–26 November): their interest kept unbooked.
    await passDays(stand.t, 3);

    const specialist = DEMO_STAFF.find((member) => member.role === 'specialist')!;
    const { context, page, consoleErrors } = await openPage(stand, { width: 1280, height: 900 });
    await signInStaffInBrowser(page, stand.base, specialist, { now: stand.t.clock.now() });
    await page.goto(`${stand.base}/backoffice/borrowers/${me.id}`);
    await page.getByText('Проценты, начисленные закрытием дня', { exact: false }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Действует');
    expect(text).toContain('Процентный доход');
    expect(text).toContain('Выдача');
    expect(text).toContain('Зачислен');
    expect(text).toContain('Простая электронная подпись');
    expect(text).not.toMatch(
      /\b(interestIncome|principalOverdue|disbursement|succeeded|active|personal_data|simple_signature)\b/,
    );
    await shot(page, '60-backoffice-loan-card');
    expect(await seriousAxeFindings(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
