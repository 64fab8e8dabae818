import { describe, expect, it } from 'vitest';
import { accrualFor, type AccrualInput } from '../../src/domain/accrual';
import { addDays } from '../../src/domain/calendar';
import { collectionMessageDecision } from '../../src/domain/collections';
import { annualRateBetween, annualRateForDay } from '../../src/domain/interest';
import { gracesOf, nextPaymentOf, ZERO_BALANCES } from '../../src/domain/loan-position';
import {
  isWorkingDay,
  nextWorkingDay,
  productionCalendar,
  RUSSIAN_CALENDAR,
} from '../../src/domain/production-calendar';
import { paydaySchedule } from '../../src/domain/schedule';
import { penaltyForDay } from '../../src/domain/servicing';

const rules = { maxPenaltyPercentPerYearWithInterest: 20, maxPenaltyDailyBpWithoutInterest: 10 };

/** 10 000 ₽ overdue at 0.8 % a day, penalty 20 % a year; each test sets its dates and balances. */
const accrualOf = (
  change: Partial<AccrualInput> & Pick<AccrualInput, 'baseDate' | 'accruedThrough' | 'through'>,
) =>
  accrualFor({
    principal: 0n,
    principalOverdue: 1_000_000n,
    dailyRateBp: 80,
    accrued: 0n,
    cap: 10_000_000n,
    penaltyPercentYear: 20,
    penaltyBpDay: 10,
    ...change,
  });

/** The non-working days of a year by the calendar, weekends included. */
const nonWorking = (year: number) => {
  const days: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1))
    if (!isWorkingDay(RUSSIAN_CALENDAR, d)) days.push(d);
  return days;
};

describe('the production calendar (Labour Code art. 112, decrees № 1466 of 2025 and № 1187 of 2026)', () => {
  it.each([
    // 2026: Jan 1–11 off (Jan 3, 4 → Jan 9, Dec 31), Feb 21–23, Mar 7–9, May 1–3, May 9–11, Jun 12–14, Nov 4, Dec 31.
    ['2026-01-01', false],
    ['2026-01-09', false],
    ['2026-01-12', true],
    ['2026-02-23', false],
    ['2026-03-09', false],
    ['2026-05-11', false],
    ['2026-06-12', false],
    ['2026-11-04', false],
    ['2026-11-05', true],
    ['2026-12-31', false],
    // 2027: Jan 1–10 off, Saturday Feb 20 works for Monday Feb 22, May 3, May 10, Jun 14, Nov 5, Dec 31 off.
    ['2027-01-08', false],
    ['2027-01-11', true],
    ['2027-02-20', true],
    ['2027-02-22', false],
    ['2027-03-08', false],
    ['2027-05-03', false],
    ['2027-05-10', false],
    ['2027-06-14', false],
    ['2027-11-05', false],
    ['2027-12-31', false],
    ['2027-12-30', true],
    // A year without data: weekends and the statutory holidays only.
    ['2028-01-03', false],
    ['2028-01-10', true],
    ['2028-02-29', true],
    ['2028-03-04', false],
  ] as const)('%s working: %s', (date, working) => {
    expect(isWorkingDay(RUSSIAN_CALENDAR, date)).toBe(working);
  });

  it('has the official counts of days off: 118 of 365 in 2026 and in 2027 (247 working days each)', () => {
    expect(nonWorking(2026)).toHaveLength(118);
    expect(nonWorking(2027)).toHaveLength(118);
  });

  it.each([
    ['2027-01-01', '2027-01-11'],
    ['2026-12-31', '2027-01-11'],
    ['2026-05-31', '2026-06-01'],
    ['2027-02-21', '2027-02-24'],
    ['2027-02-19', '2027-02-19'],
    ['2026-12-30', '2026-12-30'],
  ])('the next working day of %s is %s (Civil Code art. 193)', (date, next) => {
    expect(nextWorkingDay(RUSSIAN_CALENDAR, date)).toBe(next);
  });

  it('follows edited data: a year replaced by the back office wins', () => {
    const edited = productionCalendar([
      { year: 2027, source: 'test', days: [{ date: '2027-01-11', kind: 'day_off', note: 'test' }] },
    ]);
    expect(nextWorkingDay(edited, '2027-01-09')).toBe('2027-01-12');
    // Jan 1 is no exception in this edited year: a Friday is a working day.
    expect(isWorkingDay(edited, '2027-01-01')).toBe(true);
  });
});

describe('the day count of annual rates: actual/actual by calendar year', () => {
  it.each([
    // 1 000 000 × 20 / 36 500 = 547.94… → 547; / 36 600 = 546.44… → 546.
    ['2027-12-31', 547n],
    ['2028-01-01', 546n],
    ['2028-02-28', 546n],
    ['2028-02-29', 546n],
    ['2028-03-01', 546n],
    ['2028-12-31', 546n],
    ['2029-01-01', 547n],
  ])('20 %% a year on 10 000 ₽ on %s: %s kopecks a day', (date, perDay) => {
    expect(annualRateForDay(1_000_000n, 20, date)).toBe(perDay);
    expect(penaltyForDay(1_000_000n, rules, true, date)).toBe(perDay);
  });

  it('over the 366 days 2028-01-02..2029-01-01 never more than 20 % of the principal', () => {
    // 365 days of 2028 × 546 + 1 day of 2029 × 547 = 199 837 ≤ 200 000 (at /365 it was 366 × 547 = 200 202).
    expect(annualRateBetween(1_000_000n, 20, '2028-01-01', '2029-01-01')).toBe(199_837n);
    // A whole leap year: 366 × 546 = 199 836; a whole common year: 365 × 547 = 199 655.
    expect(annualRateBetween(1_000_000n, 20, '2027-12-31', '2028-12-31')).toBe(199_836n);
    expect(annualRateBetween(1_000_000n, 20, '2026-12-31', '2027-12-31')).toBe(199_655n);
  });

  it('both sides of 2028-02-29 in the accrual of the close', () => {
    const baseDate = '2027-12-01';
    // Feb 28, Feb 29, Mar 1: 3 × 546.
    expect(accrualOf({ baseDate, accruedThrough: '2028-02-27', through: '2028-03-01' }).penalty).toBe(1_638n);
    // Dec 30 2027 .. Jan 2 2028: 2 × 547 + 2 × 546.
    expect(accrualOf({ baseDate, accruedThrough: '2027-12-29', through: '2028-01-02' }).penalty).toBe(2_186n);
    // A year of accrual night by night equals the whole period.
    let total = 0n;
    for (let d = '2028-01-01'; d < '2029-01-01'; d = addDays(d, 1))
      total += accrualOf({ baseDate, accruedThrough: d, through: addDays(d, 1) }).penalty;
    expect(total).toBe(199_837n);
  });

  it('daily rates are per day and unaffected: 0.1 % a day is 1 000 kopecks in 2028 too', () => {
    expect(penaltyForDay(1_000_000n, rules, false, '2028-02-29')).toBe(1_000n);
  });
});

describe('a due date on a non-working day (Civil Code art. 193)', () => {
  // 10 000 ₽ for 10 days at 0.8 % a day signed 2026-12-22: scheduled 2027-01-01, due 2027-01-11.
  const schedule = paydaySchedule({
    principal: 1_000_000n,
    dailyRateBp: 80,
    termDays: 10,
    startDate: '2026-12-22',
    accrualCap: 1_000_000n,
  });

  it('moves the payday due date to 2027-01-11 and keeps the amount of the 10 days', () => {
    expect(schedule.instalments).toEqual([
      {
        n: 1,
        dueDate: '2027-01-11',
        scheduledDate: '2027-01-01',
        principal: 1_000_000n,
        interest: 80_000n,
        total: 1_080_000n,
        remainingPrincipal: 0n,
      },
    ]);
  });

  it('accrues no interest on the moved days, and the next payment stays 10 800 ₽', () => {
    const base = {
      principal: 1_000_000n,
      principalOverdue: 0n,
      baseDate: '2026-12-22',
      cap: 1_000_000n,
      graces: gracesOf(schedule.instalments),
    };
    const accrue = (accruedThrough: string, through: string) =>
      accrualOf({ ...base, accruedThrough, through });
    expect(accrue('2026-12-22', '2027-01-11')).toEqual({ interest: 80_000n, penalty: 0n, days: 20 });
    expect(accrue('2027-01-01', '2027-01-11').interest).toBe(0n);
    // After the moved due date interest runs again: 2027-01-12 is one day, 8 000 kopecks.
    expect(accrue('2027-01-11', '2027-01-12').interest).toBe(8_000n);
    const position = {
      status: 'active' as const,
      dailyRateBp: 80,
      accrualCap: 1_000_000n,
      penaltyPercentYear: 20,
      penaltyBpDay: 10,
      interestBaseDate: '2026-12-22',
      accruedThrough: '2027-01-05',
      balances: { ...ZERO_BALANCES, principal: 1_000_000n, interest: 80_000n, interestIncome: -80_000n },
      schedule: schedule.instalments,
    };
    expect(nextPaymentOf(position, '2027-01-05')).toEqual({
      dueDate: '2027-01-11',
      amount: 1_080_000n,
      daysLeft: 6,
      overdue: false,
    });
  });
});

describe('230-FZ message hours on public holidays', () => {
  const tz = 'Europe/Moscow';
  const at = (iso: string) => new Date(iso);
  it.each([
    // Monday 2027-01-04 is a holiday: weekend hours 09:00–20:00.
    ['holiday Mon 08:30 MSK waits for 09:00', '2027-01-04T05:30:00Z', at('2027-01-04T06:00:00Z')],
    [
      'holiday Mon 20:30 MSK waits for the next day, a holiday: 09:00',
      '2027-01-04T17:30:00Z',
      at('2027-01-05T06:00:00Z'),
    ],
    // Friday 2027-01-08 20:30: the next day is a Saturday, 09:00; Sunday 2027-01-10 20:30 → Monday, a workday, 08:00.
    [
      'Sun 2027-01-10 20:30 MSK waits for the working Monday 08:00',
      '2027-01-10T17:30:00Z',
      at('2027-01-11T05:00:00Z'),
    ],
  ])('%s', (_name, now, retryAt) => {
    expect(collectionMessageDecision(at(now), [], tz)).toEqual({
      send: false,
      reason: 'quiet_hours',
      retryAt,
    });
  });

  it('a working Saturday has the workday hours: 2027-02-20 08:30 MSK may send', () => {
    expect(collectionMessageDecision(at('2027-02-20T05:30:00Z'), [], tz)).toEqual({ send: true });
    // An ordinary Saturday at 08:30 waits.
    expect(collectionMessageDecision(at('2027-02-27T05:30:00Z'), [], tz).send).toBe(false);
  });
});
