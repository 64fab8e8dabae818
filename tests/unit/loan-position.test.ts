import { describe, expect, it } from 'vitest';
import {
  balancesOn,
  nextPaymentOf,
  payoffOn,
  scheduleOn,
  totalDebt,
  pendingAccrual,
  statusAfterClose,
  statusAfterPayment,
  ZERO_BALANCES,
  type LoanBalances,
  type LoanPosition,
  type LoanStatus,
} from '../../src/domain/loan-position';
import { instalmentSchedule, type Instalment } from '../../src/domain/schedule';

const instalment = (dueDate: string, remainingPrincipal: bigint): Instalment => ({
  n: 1,
  dueDate,
  principal: 0n,
  interest: 0n,
  total: 0n,
  remainingPrincipal,
});

/** 10 000 ₽ at 0.8 % a day from 2026-01-01, due in one payment on 2026-01-31. */
const payday: LoanPosition = {
  status: 'active',
  dailyRateBp: 80,
  accrualCap: 1_300_000n,
  penaltyPercentYear: 20,
  penaltyBpDay: 10,
  interestBaseDate: '2026-01-01',
  accruedThrough: '2026-01-01',
  balances: { ...ZERO_BALANCES, principal: 1_000_000n },
  schedule: [instalment('2026-01-31', 0n)],
};

const loan = (changes: Partial<LoanPosition>, balances: Partial<LoanBalances> = {}): LoanPosition => ({
  ...payday,
  ...changes,
  balances: { ...payday.balances, ...changes.balances, ...balances },
});

describe('pending accrual and payoff', () => {
  it.each([
    ['ten days at 0.8 %', payday, '2026-01-11', 80_000n, 0n, 1_080_000n],
    [
      'nothing on the day accrued',
      loan({ accruedThrough: '2026-01-11' }, { interest: 80_000n, interestIncome: -80_000n }),
      '2026-01-11',
      0n,
      0n,
      1_080_000n,
    ],
    // 20 % a year on 10 000 ₽ overdue: 547 kopecks a day; interest on 15 000 ₽ at 0.5 %: 750 a day.
    [
      'interest on all principal, penalty on the overdue',
      loan(
        {
          status: 'overdue',
          dailyRateBp: 50,
          accrualCap: 10_000_000n,
          interestBaseDate: '2026-02-01',
          accruedThrough: '2026-02-10',
        },
        {
          principal: 500_000n,
          principalOverdue: 1_000_000n,
          interestOverdue: 100_000n,
          penalty: 5_000n,
          interestIncome: -200_000n,
          penaltyIncome: -5_000n,
        },
      ),
      '2026-02-12',
      15_000n,
      1_094n,
      1_621_094n,
    ],
    // Cap 10 500 ₽, 10 400 ₽ accrued: of 800 ₽ of interest only 100 ₽ may accrue.
    [
      'stops at the cap',
      loan({ accrualCap: 1_050_000n, accruedThrough: '2026-01-10' }, { interestIncome: -1_040_000n }),
      '2026-01-20',
      10_000n,
      0n,
      1_010_000n,
    ],
    // No interest (0 %): the penalty is 0.1 % a day of the overdue principal.
    [
      'penalty without interest',
      loan({ dailyRateBp: 0 }, { principal: 0n, principalOverdue: 1_000_000n }),
      '2026-01-04',
      0n,
      3_000n,
      1_003_000n,
    ],
    [
      'nothing for a closed loan',
      loan({ status: 'closed' }, { principal: 0n, overpayment: -500n }),
      '2026-03-01',
      0n,
      0n,
      0n,
    ],
    [
      'nothing before the payout',
      loan({ status: 'awaiting_payout', interestBaseDate: null, accruedThrough: null }),
      '2026-01-11',
      0n,
      0n,
      1_000_000n,
    ],
  ] as const)('%s', (_name, position, date, interest, penalty, payoff) => {
    const pending = pendingAccrual(position, date);
    expect([pending.interest, pending.penalty]).toEqual([interest, penalty]);
    expect(payoffOn(position, date)).toBe(payoff);
  });
});

describe('the next payment', () => {
  it.each([
    // Interest to the due date would be 2 400 ₽, but paying today never takes more than closes the loan.
    [
      'a payday loan: no more than the payoff today',
      payday,
      '2026-01-11',
      { dueDate: '2026-01-31', amount: 1_080_000n, daysLeft: 20, overdue: false },
    ],
    // 30 000 ₽ at 0.5 %: 600 ₽ booked, 1 500 ₽ more to 15 January, half the principal due.
    [
      'an instalment: interest to the due date and the principal above what remains',
      loan(
        {
          dailyRateBp: 50,
          accrualCap: 3_900_000n,
          accruedThrough: '2026-01-05',
          schedule: [instalment('2026-01-15', 1_500_000n), instalment('2026-01-29', 0n)],
        },
        { principal: 3_000_000n, interest: 60_000n, interestIncome: -60_000n },
      ),
      '2026-01-05',
      { dueDate: '2026-01-15', amount: 1_710_000n, daysLeft: 10, overdue: false },
    ],
    // Overdue 11 050 ₽ + penalty 54.70 ₽ to the due date + interest 750 ₽ + principal 2 500 ₽ above the schedule.
    [
      'overdue: everything overdue and the penalty to the due date',
      loan(
        {
          status: 'overdue',
          dailyRateBp: 50,
          accrualCap: 10_000_000n,
          interestBaseDate: '2026-02-01',
          accruedThrough: '2026-02-10',
          schedule: [
            instalment('2026-02-05', 500_000n),
            instalment('2026-02-20', 250_000n),
            instalment('2026-03-05', 0n),
          ],
        },
        {
          principal: 500_000n,
          principalOverdue: 1_000_000n,
          interestOverdue: 100_000n,
          penalty: 5_000n,
          interestIncome: -200_000n,
          penaltyIncome: -5_000n,
        },
      ),
      '2026-02-12',
      { dueDate: '2026-02-20', amount: 1_435_470n, daysLeft: 8, overdue: true },
    ],
    // All dates past: the last one, what closes the loan today.
    [
      'after the last due date',
      loan(
        { status: 'overdue', accruedThrough: '2026-02-04' },
        { principal: 0n, principalOverdue: 1_000_000n, interestOverdue: 240_000n },
      ),
      '2026-02-05',
      { dueDate: '2026-01-31', amount: 1_248_547n, daysLeft: 0, overdue: true },
    ],
    ['none for a closed loan', loan({ status: 'closed' }), '2026-01-11', null],
    ['none without a schedule', loan({ schedule: [] }), '2026-01-11', null],
  ] as const)('%s', (_name, position, today, expected) => {
    expect(nextPaymentOf(position, today)).toEqual(expected);
  });
});

describe('status transitions', () => {
  const debt = { ...ZERO_BALANCES, principal: 500_000n };
  it.each([
    ['active, nothing left: closed', 'active', ZERO_BALANCES, 'closed'],
    ['overdue paid in full: closed', 'overdue', { ...ZERO_BALANCES, overpayment: -100n }, 'closed'],
    ['overdue paid, principal left: active', 'overdue', debt, 'active'],
    ['still overdue: overdue', 'overdue', { ...debt, interestOverdue: 1n }, 'overdue'],
    ['a closed loan stays closed', 'closed', debt, 'closed'],
    ['not paid out yet: unchanged', 'awaiting_payout', ZERO_BALANCES, 'awaiting_payout'],
  ] as [string, LoanStatus, LoanBalances, LoanStatus][])(
    'after a payment: %s',
    (_name, status, after, expected) => {
      expect(statusAfterPayment(status, after)).toBe(expected);
    },
  );

  it.each([
    [{ principalOverdue: 0n, interestOverdue: 0n }, 'active'],
    [{ principalOverdue: 1n, interestOverdue: 0n }, 'overdue'],
    [{ principalOverdue: 0n, interestOverdue: 1n }, 'overdue'],
  ] as const)('after the close %o: %s', (after, expected) => {
    expect(statusAfterClose(after)).toBe(expected);
  });
});

describe('the position on a date: schedule statuses, the next payment, the debt today', () => {
  // «Частями» 30 000 ₽ for 12 weeks at 0.5 % a day from 2026-11-24: six payments of 6 293,87 ₽.
  const plan = instalmentSchedule({
    principal: 3_000_000n,
    dailyRateBp: 50,
    termWeeks: 12,
    startDate: '2026-11-24',
    accrualCap: 3_000_000n,
  }).instalments;
  const instalments: LoanPosition = {
    ...payday,
    dailyRateBp: 50,
    accrualCap: 3_000_000n,
    interestBaseDate: '2026-11-24',
    accruedThrough: '2026-11-24',
    balances: { ...ZERO_BALANCES, principal: 3_000_000n },
    schedule: plan,
  };
  // The first instalment paid 7 days early (2026-12-01): 1 050 ₽ of interest, 5 243,87 ₽ of principal.
  const paidEarly = loan(
    { ...instalments, interestBaseDate: '2026-12-01', accruedThrough: '2026-12-01', schedule: plan },
    { principal: 2_475_613n, interestIncome: -105_000n },
  );

  it.each([
    ['a new instalment loan', instalments, '2026-11-24', ['upcoming', 'upcoming'], '2026-12-08', 629_387n],
    [
      'row 1 paid early: row 2 is next',
      paidEarly,
      '2026-12-01',
      ['paid', 'partly_paid'],
      '2026-12-22',
      603_684n,
    ],
  ] as const)('%s', (_name, position, today, statuses, dueDate, amount) => {
    const rows = scheduleOn(position, today);
    expect(rows.slice(0, 2).map((r) => r.status)).toEqual(statuses);
    expect(nextPaymentOf(position, today)).toMatchObject({ dueDate, amount });
  });

  it('the paid row shows the ledger’s principal as what remains; the next row what it will still demand', () => {
    const [first, second] = scheduleOn(paidEarly, '2026-12-01');
    expect(first).toMatchObject({ status: 'paid', remainingPrincipal: 2_475_613n });
    // 24 756,13 ₽ × 0.5 % × 21 days = 2 599,39 ₽; principal above 21 318,68 ₽: 3 437,45 ₽.
    expect(second).toMatchObject({ interest: 259_939n, principal: 343_745n, total: 603_684n });
  });

  it('no payment of 0 ₽: a loan with nothing to pay has no next payment', () => {
    const nothing = loan({ schedule: [instalment('2026-01-31', 0n)] }, { principal: 0n });
    expect(nextPaymentOf({ ...nothing, dailyRateBp: 0 }, '2026-01-10')).toBeNull();
  });

  it.each([
    // Before the due date: today's interest is current; after it, overdue, and today's penalty is in.
    ['before the due date', payday, '2026-01-11', { interest: 80_000n, interestOverdue: 0n }],
    [
      'three days after it',
      loan(
        { status: 'overdue', accruedThrough: '2026-02-02' },
        { principal: 0n, principalOverdue: 1_000_000n, interestOverdue: 264_000n, penalty: 1_094n },
      ),
      '2026-02-03',
      { interest: 0n, interestOverdue: 272_000n, penalty: 1_641n },
    ],
  ] as const)('the debt today equals the payoff: %s', (_name, position, date, expected) => {
    const today = balancesOn(position, date);
    expect(today).toMatchObject(expected);
    expect(totalDebt(today)).toBe(payoffOn(position, date));
  });

  it('a closed loan: every row paid, no next payment', () => {
    const closed = loan({ status: 'closed' }, { principal: 0n });
    expect(scheduleOn(closed, '2026-01-10').map((r) => r.status)).toEqual(['paid']);
    expect(nextPaymentOf(closed, '2026-01-10')).toBeNull();
  });
});
