import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loans } from '../../src/server/adapters/db/schema-loans';
import { loanBalancesCurrent, notifications } from '../../src/server/adapters/db/schema-servicing';
import {
  getCalendarYear,
  loadProductionCalendar,
  replaceCalendarYear,
} from '../../src/server/modules/servicing/production-calendar';
import { isWorkingDay } from '../../src/domain/production-calendar';
import { borrowerWithLoan, passDays, signInAgain, todayOf } from '../support/servicing';
import { clientsOf, TestClock, useTestApp } from '../support/test-app';

/**
 * Civil Code art. 193 end to end: a payday loan of 10 000 ₽ for 10 days signed on 2026-12-22 is scheduled for
 * 2027-01-01, a holiday (Jan 1–8 holidays, 9–10 a weekend), so it falls due on 2027-01-11: the close keeps it
 * active with no penalty until then, and the reminders count the days to the moved date.
 */
const t = useTestApp({ clock: new TestClock(new Date('2026-12-22T09:00:00Z')) });
const client = clientsOf(t, '10.60.0');

describe('a due date on a public holiday', () => {
  it('moves to the next working day: no overdue and no penalty before 2027-01-11', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c, {
      productId: 'payday',
      amount: '1000000',
      term: 10,
    });
    expect(todayOf(t)).toBe('2026-12-22');
    expect(loan.nextPayment).toMatchObject({ dueDate: '2027-01-11', amount: '1000000' });

    const state = async () => {
      const [l] = await t.database.db.select().from(loans).where(eq(loans.id, loan.id));
      const [b] = await t.database.db
        .select()
        .from(loanBalancesCurrent)
        .where(eq(loanBalancesCurrent.loanId, loan.id));
      return {
        status: l!.status,
        overdueSince: l!.overdueSince,
        overdue: b!.principalOverdue,
        penalty: b!.penalty,
      };
    };
    // Close every business date up to and including 2027-01-10: never overdue, never a penalty.
    while (todayOf(t) <= '2027-01-10') {
      await passDays(t, 1);
      expect({ closed: todayOf(t), ...(await state()) }).toEqual({
        closed: todayOf(t),
        status: 'active',
        overdueSince: null,
        overdue: 0n,
        penalty: 0n,
      });
    }
    // The close of 2027-01-11, the moved due date, finds it unpaid: overdue from that date, the penalty after it.
    await passDays(t, 1);
    expect(await state()).toEqual({
      status: 'overdue',
      overdueSince: '2027-01-11',
      overdue: 1_000_000n,
      penalty: 0n,
    });
    await passDays(t, 1);
    // 0 % first loan: no interest, so 0.1 % a day = 1 000 kopecks for 2027-01-12.
    expect((await state()).penalty).toBe(1_000n);

    // Reminders relative to the moved date, none for the scheduled holiday.
    const texts = (
      await t.database.db.select().from(notifications).where(eq(notifications.loanId, loan.id))
    ).map((n) => n.text);
    expect(texts.filter((x) => x.includes('01.01.2027'))).toEqual([]);
    for (const when of ['Через 3 дня, 11.01.2027', 'Завтра, 11.01.2027', 'Сегодня, 11.01.2027'])
      expect(texts.filter((x) => x.startsWith(when))).toHaveLength(1);
    await signInAgain(c, person);
  });

  it('reads and replaces a year of the calendar (the back office will edit it)', async () => {
    const year = await getCalendarYear(t.deps, 2027);
    expect(year?.days.filter((d) => d.kind === 'working_day').map((d) => d.date)).toEqual(['2027-02-20']);
    await replaceCalendarYear(t.deps, {
      year: 2027,
      source: 'тест',
      days: [...year!.days, { date: '2027-01-11', kind: 'day_off', note: 'тест' }],
    });
    expect(isWorkingDay(await loadProductionCalendar(t.deps.db), '2027-01-11')).toBe(false);
    await expect(
      replaceCalendarYear(t.deps, {
        year: 2027,
        source: 'тест',
        days: [{ date: '2027-01-12', kind: 'working_day', note: '' }],
      }),
    ).rejects.toThrow(RangeError);
    // The refused change left the year as it was.
    expect((await getCalendarYear(t.deps, 2027))?.days).toHaveLength(year!.days.length + 1);
  });
});
