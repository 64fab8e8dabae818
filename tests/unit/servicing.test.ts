import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accrualCap } from '../../src/domain/interest';
import { ruleSetOn } from '../../src/domain/legal-rules';
import type { LegalRuleSet } from '../../src/domain/legal-rules';
import {
  DEFAULT_ALLOCATION_ORDER,
  allocatePayment,
  earlyPayoffQuote,
  penaltyForDay,
  prolongationQuote,
} from '../../src/domain/servicing';
import type { Debt, DebtBucket, EarlyPayoffInput, ProlongationInput } from '../../src/domain/servicing';

const rules = ruleSetOn('2026-04-01');

// Total debt: 80 000 + 1 000 000 + 5 000 + 10 000 + 500 000 + 2 000 = 1 597 000 kopecks.
const DEBT: Debt = {
  overdueInterest: 80_000n,
  overduePrincipal: 1_000_000n,
  penalty: 5_000n,
  currentInterest: 10_000n,
  currentPrincipal: 500_000n,
  fees: 2_000n,
};

const zero: Record<DebtBucket, bigint> = {
  overdueInterest: 0n,
  overduePrincipal: 0n,
  penalty: 0n,
  currentInterest: 0n,
  currentPrincipal: 0n,
  fees: 0n,
};

describe('allocatePayment', () => {
  it('follows 353-FZ art. 5 pt 20 by default', () => {
    expect(DEFAULT_ALLOCATION_ORDER).toEqual([
      'overdueInterest',
      'overduePrincipal',
      'penalty',
      'currentInterest',
      'currentPrincipal',
      'fees',
    ]);
  });

  it.each<[string, bigint, readonly DebtBucket[] | undefined, Partial<Record<DebtBucket, bigint>>, bigint]>([
    // 300 000: overdue interest 80 000 in full, overdue principal 300 000 − 80 000 = 220 000 of 1 000 000.
    [
      'partial: overdue interest + part of overdue principal',
      300_000n,
      undefined,
      { overdueInterest: 80_000n, overduePrincipal: 220_000n },
      0n,
    ],
    // 50 000 < 80 000: all of it to overdue interest.
    ['partial: part of overdue interest only', 50_000n, undefined, { overdueInterest: 50_000n }, 0n],
    // 1 090 000 = 80 000 + 1 000 000 + 5 000 (penalty) + 5 000 of 10 000 current interest.
    [
      'partial: reaches current interest',
      1_090_000n,
      undefined,
      { overdueInterest: 80_000n, overduePrincipal: 1_000_000n, penalty: 5_000n, currentInterest: 5_000n },
      0n,
    ],
    // Exactly the debt 1 597 000: every bucket in full, nothing over.
    ['exactly the debt', 1_597_000n, undefined, { ...DEBT }, 0n],
    // 2 000 000 − 1 597 000 = 403 000 overpayment.
    ['more than the debt: overpayment', 2_000_000n, undefined, { ...DEBT }, 403_000n],
    // Custom order fees → penalty → overdue interest → …: 10 000 = 2 000 + 5 000 + 3 000.
    [
      'custom order',
      10_000n,
      ['fees', 'penalty', 'overdueInterest', 'overduePrincipal', 'currentInterest', 'currentPrincipal'],
      { fees: 2_000n, penalty: 5_000n, overdueInterest: 3_000n },
      0n,
    ],
    // Zero payment: nothing applied.
    ['zero payment', 0n, undefined, {}, 0n],
  ])('%s', (_name, amount, order, applied, overpayment) => {
    expect(allocatePayment(amount, DEBT, order)).toEqual({ applied: { ...zero, ...applied }, overpayment });
  });

  it('treats all of a payment on a zero debt as overpayment', () => {
    expect(allocatePayment(12_345n, { ...zero })).toEqual({ applied: zero, overpayment: 12_345n });
  });

  it('refuses a negative payment, a negative debt and an incomplete or repeated order', () => {
    expect(() => allocatePayment(-1n, DEBT)).toThrow(RangeError);
    expect(() => allocatePayment(1n, { ...DEBT, fees: -1n })).toThrow(RangeError);
    expect(() => allocatePayment(1n, DEBT, ['overdueInterest', 'overduePrincipal'])).toThrow(RangeError);
    expect(() =>
      allocatePayment(1n, DEBT, [
        'fees',
        'fees',
        'penalty',
        'currentInterest',
        'currentPrincipal',
        'overdueInterest',
      ]),
    ).toThrow(RangeError);
  });

  it('property: applied + overpayment = amount, each bucket within its debt, paid strictly in order', () => {
    const kop = fc.bigInt({ min: 0n, max: 10n ** 9n });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.record({
          overdueInterest: kop,
          overduePrincipal: kop,
          penalty: kop,
          currentInterest: kop,
          currentPrincipal: kop,
          fees: kop,
        }),
        fc.shuffledSubarray([...DEFAULT_ALLOCATION_ORDER], { minLength: 6, maxLength: 6 }),
        (amount, debt, order) => {
          const { applied, overpayment } = allocatePayment(amount, debt, order);
          const total = order.reduce((s, b) => s + applied[b], 0n);
          expect(total + overpayment).toBe(amount);
          expect(overpayment >= 0n).toBe(true);
          let shortSeen = false;
          for (const b of order) {
            expect(applied[b] >= 0n && applied[b] <= debt[b]).toBe(true);
            if (shortSeen) expect(applied[b]).toBe(0n);
            if (applied[b] < debt[b]) shortSeen = true;
          }
          if (overpayment > 0n) expect(shortSeen).toBe(false);
        },
      ),
    );
  });
});

describe('penaltyForDay (days of 2026, a 365-day year)', () => {
  it.each<
    [
      string,
      bigint,
      Pick<LegalRuleSet, 'maxPenaltyPercentPerYearWithInterest' | 'maxPenaltyDailyBpWithoutInterest'>,
      boolean,
      bigint,
    ]
  >([
    // 1 000 000 × 20 / (100 × 365) = 20 000 000 / 36 500 = 547.94… → 547
    ['20 %/year on 10 000 ₽ while interest accrues', 1_000_000n, rules, true, 547n],
    // 1 000 000 × 10 / 10 000 = 1 000
    ['0.1 %/day on 10 000 ₽ without interest', 1_000_000n, rules, false, 1_000n],
    // 12 345 × 10 / 10 000 = 12.345 → 12
    ['0.1 %/day rounds down', 12_345n, rules, false, 12n],
    // 100 × 20 / 36 500 = 0.05… → 0
    ['20 %/year on 1 ₽ rounds down to 0', 100n, rules, true, 0n],
    // 1 825 000 × 20 / 36 500 = 36 500 000 / 36 500 = 1 000 exactly
    ['20 %/year exact', 1_825_000n, rules, true, 1_000n],
    ['nothing overdue', 0n, rules, true, 0n],
    // Fields, not literals: 36 %/year → 1 000 000 × 36 / 36 500 = 986.30… → 986
    [
      'reads the rule set (36 %/year)',
      1_000_000n,
      { maxPenaltyPercentPerYearWithInterest: 36, maxPenaltyDailyBpWithoutInterest: 5 },
      true,
      986n,
    ],
    // 5 bp/day → 1 000 000 × 5 / 10 000 = 500
    [
      'reads the rule set (5 bp/day)',
      1_000_000n,
      { maxPenaltyPercentPerYearWithInterest: 36, maxPenaltyDailyBpWithoutInterest: 5 },
      false,
      500n,
    ],
  ])('%s', (_name, overdue, ruleSet, accrues, expected) => {
    expect(penaltyForDay(overdue, ruleSet, accrues, '2026-11-25')).toBe(expected);
  });

  it('refuses a negative overdue amount', () => {
    expect(() => penaltyForDay(-1n, rules, true, '2026-11-25')).toThrow(RangeError);
  });
});

describe('earlyPayoffQuote', () => {
  const cap = accrualCap(1_000_000n, rules); // 1 000 000 × 100 % = 1 000 000
  const base: EarlyPayoffInput = {
    principalOutstanding: 1_000_000n,
    dailyRateBp: 80,
    daysUsed: 10,
    interestPaid: 0n,
    accruedUnpaidPenalty: 0n,
    cap,
    alreadyAccrued: 0n,
  };

  it.each<[string, Partial<EarlyPayoffInput>, bigint, bigint]>([
    // 1 000 000 × 80 × 10 / 10 000 = 80 000 → 1 000 000 + 80 000 = 1 080 000 (10 800 ₽), within 14 days
    ['day 10 of 10 000 ₽ at 0.8 %/day', {}, 80_000n, 1_080_000n],
    // Day 0: no interest, principal only.
    ['same day as payout', { daysUsed: 0 }, 0n, 1_000_000n],
    // 80 000 − 30 000 paid = 50 000 → 1 050 000
    ['part of the interest already paid', { interestPaid: 30_000n }, 50_000n, 1_050_000n],
    // 80 000 − 100 000 < 0 → 0 → 1 000 000
    ['more interest paid than owed: not below zero', { interestPaid: 100_000n }, 0n, 1_000_000n],
    // cap 1 000 000 − 950 000 accrued = 50 000 of the 80 000 → 1 050 000
    ['the cap limits interest', { alreadyAccrued: 950_000n }, 50_000n, 1_050_000n],
    // cap reached: 0 interest; penalty 5 000 still owed → 1 000 000 + 0 + 5 000 = 1 005 000
    [
      'cap reached, unpaid penalty',
      { alreadyAccrued: 1_000_000n, accruedUnpaidPenalty: 5_000n },
      0n,
      1_005_000n,
    ],
    // 333 333 × 80 × 7 / 10 000 = 18 666.648 → 18 666; + penalty 1 234 → 333 333 + 18 666 + 1 234 = 353 233
    [
      'rounding down and penalty',
      { principalOutstanding: 333_333n, daysUsed: 7, accruedUnpaidPenalty: 1_234n },
      18_666n,
      353_233n,
    ],
    // 30 days: 1 000 000 × 80 × 30 / 10 000 = 240 000 − 80 000 paid = 160 000 → 1 160 000
    ['after 14 days the same rule', { daysUsed: 30, interestPaid: 80_000n }, 160_000n, 1_160_000n],
  ])('%s', (_name, overrides, interest, total) => {
    const input = { ...base, ...overrides };
    expect(earlyPayoffQuote(input)).toEqual({
      principal: input.principalOutstanding,
      interest,
      penalty: input.accruedUnpaidPenalty,
      total,
    });
  });

  it('refuses negative amounts', () => {
    expect(() => earlyPayoffQuote({ ...base, interestPaid: -1n })).toThrow(RangeError);
  });
});

describe('prolongationQuote', () => {
  const base: ProlongationInput = {
    dueDate: '2026-05-20',
    today: '2026-05-15',
    interestAccruedUnpaid: 80_000n,
    extendDays: 14,
    prolongationsSoFar: 0,
    ruleSet: rules, // maxProlongations 5
    overdue: false,
    allowOverdue: false,
    promotionalRate: false,
  };

  it.each<[string, Partial<ProlongationInput>, string]>([
    // 2026-05-20 + 14 = 2026-06-03 (May has 31 days: 20 + 14 − 31 = 3)
    ['accepted: 14 days', {}, '2026-06-03'],
    ['accepted: 7 days (lower bound)', { extendDays: 7 }, '2026-05-27'],
    // 20 + 30 − 31 = 19 June
    ['accepted: 30 days (upper bound)', { extendDays: 30 }, '2026-06-19'],
    ['accepted: on the due date', { today: '2026-05-20' }, '2026-06-03'],
    ['accepted: 4th prolongation of 5', { prolongationsSoFar: 4 }, '2026-06-03'],
    [
      'accepted: overdue, after the due date, product allows it',
      { today: '2026-05-25', overdue: true, allowOverdue: true },
      '2026-06-03',
    ],
  ])('%s', (_name, overrides, newDueDate) => {
    expect(prolongationQuote({ ...base, ...overrides })).toEqual({ ok: true, payNow: 80_000n, newDueDate });
  });

  it.each<[string, Partial<ProlongationInput>, string]>([
    ['6 days', { extendDays: 6 }, 'TERM_OUT_OF_RANGE'],
    ['31 days', { extendDays: 31 }, 'TERM_OUT_OF_RANGE'],
    ['fractional days', { extendDays: 7.5 }, 'TERM_OUT_OF_RANGE'],
    [
      'custom range 10–20, 9 days',
      { extendDays: 9, extendDaysRange: { min: 10, max: 20 } },
      'TERM_OUT_OF_RANGE',
    ],
    ['6th prolongation of 5', { prolongationsSoFar: 5 }, 'TOO_MANY_PROLONGATIONS'],
    [
      'rule set with 3',
      { prolongationsSoFar: 3, ruleSet: { maxProlongations: 3 } },
      'TOO_MANY_PROLONGATIONS',
    ],
    ['the day after the due date', { today: '2026-05-21', overdue: true }, 'AFTER_DUE_DATE'],
    ['overdue instalment before the due date', { overdue: true }, 'OVERDUE_NOT_ALLOWED'],
    // The term is checked first, then the count, then the dates.
    ['term and count both wrong → term', { extendDays: 40, prolongationsSoFar: 5 }, 'TERM_OUT_OF_RANGE'],
    [
      'count and date both wrong → count',
      { prolongationsSoFar: 5, today: '2026-06-01' },
      'TOO_MANY_PROLONGATIONS',
    ],
    // Issue 10 item 13: the first loan at 0 % is never prolonged, whatever the days (7 or 30) or the count.
    [
      'a 0 % promo loan, 30 days',
      { promotionalRate: true, interestAccruedUnpaid: 0n, extendDays: 30 },
      'PROMOTIONAL_RATE',
    ],
    [
      'a 0 % promo loan, 7 days',
      { promotionalRate: true, interestAccruedUnpaid: 0n, extendDays: 7 },
      'PROMOTIONAL_RATE',
    ],
    [
      'a 0 % promo loan with a wrong term → promo',
      { promotionalRate: true, extendDays: 45 },
      'PROMOTIONAL_RATE',
    ],
  ])('refused: %s → %s', (_name, overrides, reason) => {
    expect(prolongationQuote({ ...base, ...overrides })).toEqual({ ok: false, reason });
  });
});
