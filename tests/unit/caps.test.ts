import { describe, expect, it } from 'vitest';
import { accrualCap, capAccrual, interestForDays } from '../../src/domain/interest';
import { LEGAL_RULE_SETS, NoRuleSetError, ruleSetOn } from '../../src/domain/legal-rules';
import type { LegalRuleSet } from '../../src/domain/legal-rules';
import { instalmentSchedule, paydaySchedule } from '../../src/domain/schedule';

describe('rule set in force on the contract date', () => {
  it.each([
    ['2023-07-01', '2023-07-01', 130, 0],
    ['2025-12-31', '2023-07-01', 130, 0],
    ['2026-03-31', '2023-07-01', 130, 0],
    ['2026-04-01', '2026-04-01', 100, 0],
    ['2026-09-30', '2026-04-01', 100, 0],
    ['2026-10-01', '2026-10-01', 100, 1],
    ['2027-01-01', '2027-01-01', 100, 1],
    ['2027-03-31', '2027-01-01', 100, 1],
    ['2027-04-01', '2027-04-01', 100, 2],
    ['2030-01-01', '2027-04-01', 100, 2],
  ])('%s → %s (cap %i %%, %i unpaid-loan limits)', (date, id, cap, limits) => {
    const set = ruleSetOn(date);
    expect(set.id).toBe(id);
    expect(set.totalCostCapPercentOfPrincipal).toBe(cap);
    expect(set.maxDailyRateBp).toBe(80);
    expect(set.maxPskPercent).toBe('292');
    expect(set.unpaidLoanLimits).toHaveLength(limits);
  });

  it('models the loan-count limits', () => {
    expect(ruleSetOn('2026-10-01').unpaidLoanLimits).toEqual([{ pskAbovePercent: '200', maxUnpaid: 2 }]);
    expect(ruleSetOn('2027-04-01').unpaidLoanLimits).toContainEqual({ pskAbovePercent: '100', maxUnpaid: 1 });
    expect(ruleSetOn('2026-12-31').capitalisationOfInterestForbidden).toBe(false);
    expect(ruleSetOn('2027-01-01').capitalisationOfInterestForbidden).toBe(true);
  });

  it('has no rule before 2023-07-01 and refuses malformed dates', () => {
    expect(() => ruleSetOn('2023-06-30')).toThrow(NoRuleSetError);
    expect(() => ruleSetOn('1.4.2026')).toThrow(NoRuleSetError);
  });

  it('does not depend on the order of the table', () => {
    expect(ruleSetOn('2026-04-15', [...LEGAL_RULE_SETS].reverse()).id).toBe('2026-04-01');
  });
});

describe('accrual cap', () => {
  const on = (date: string): LegalRuleSet => ruleSetOn(date);
  it.each([
    // principal, contract date, cap
    [1_000_000n, '2026-03-31', 1_300_000n],
    [1_000_000n, '2026-04-01', 1_000_000n],
    [1_234_567n, '2026-03-31', 1_604_937n], // 1 604 937.1 → down
    [1_234_567n, '2026-04-01', 1_234_567n],
    [1n, '2026-03-31', 1n], // 1.3 → 1
  ])('%s kop signed on %s → %s', (principal, date, cap) => expect(accrualCap(principal, on(date))).toBe(cap));

  it.each([
    // already accrued, proposed, cap → may accrue
    [0n, 240_000n, 1_300_000n, 240_000n],
    [1_200_000n, 240_000n, 1_300_000n, 100_000n],
    [1_300_000n, 240_000n, 1_300_000n, 0n],
    [1_400_000n, 240_000n, 1_000_000n, 0n], // already beyond (e.g. a contract priced under a wrong cap)
    [0n, -5n, 1_000_000n, 0n],
    [999_999n, 1n, 1_000_000n, 1n],
  ])('capAccrual(%s, %s, %s) = %s', (accrued, proposed, cap, expected) =>
    expect(capAccrual(accrued, proposed, cap)).toBe(expected),
  );

  it('interest by actual days', () => {
    expect(interestForDays(1_000_000n, 80, 30, 'down')).toBe(240_000n);
    expect(interestForDays(1_234_567n, 80, 13, 'down')).toBe(128_394n);
    expect(interestForDays(1_234_567n, 80, 13, 'half-up')).toBe(128_395n);
    expect(interestForDays(1_000_000n, 80, 0)).toBe(0n);
  });
});

describe('the cap by contract date, on both sides of 2026-04-01', () => {
  // 10 000 RUB for 180 days at 0.8 %/day: 14 400 RUB of interest by the rate alone (144 %).
  it.each([
    // 2026-09-27 is a Sunday: due on Monday 2026-09-28 (Civil Code art. 193).
    ['2026-03-31', 1_300_000n, 2_300_000n, '2026-09-28'],
    ['2026-04-01', 1_000_000n, 2_000_000n, '2026-09-28'],
  ])('a payday loan signed on %s accrues at most %s', (date, interest, total, due) => {
    const s = paydaySchedule({
      principal: 1_000_000n,
      dailyRateBp: 80,
      termDays: 180,
      startDate: date,
      accrualCap: accrualCap(1_000_000n, ruleSetOn(date)),
    });
    expect(s.uncappedInterest).toBe(1_440_000n);
    expect(s.totalInterest).toBe(interest);
    expect(s.totalToRepay).toBe(total);
    expect(s.instalments[0]?.dueDate).toBe(due);
    expect(s.capApplied).toBe(true);
  });

  // 100 000 RUB, 52 weeks at 0.8 %/day: 26 equal payments of 11 956.63 RUB (the last 11 956.19) would carry
  // 210 871.94 RUB of interest; interest stops accruing at the cap, in date order (figures from the independent
  // python3 script).
  it.each([
    ['2026-03-31', 13_000_000n, 13, 391_525n, '2026-09-29'],
    ['2026-04-01', 10_000_000n, 10, 319_818n, '2026-08-19'],
  ])(
    'an instalment loan signed on %s accrues at most %s',
    (date, cap, capInstalment, lastInterest, capDate) => {
      const s = instalmentSchedule({
        principal: 10_000_000n,
        dailyRateBp: 80,
        termWeeks: 52,
        startDate: date,
        accrualCap: accrualCap(10_000_000n, ruleSetOn(date)),
      });
      expect(s.uncappedInterest).toBe(21_087_194n);
      expect(s.totalInterest).toBe(cap);
      expect(s.capApplied).toBe(true);
      expect(s.regularPayment).toBe(1_195_663n);
      const at = s.instalments[capInstalment - 1];
      expect(at?.interest).toBe(lastInterest);
      expect(at?.dueDate).toBe(capDate);
      expect(s.instalments.slice(capInstalment).every((i) => i.interest === 0n)).toBe(true);
      expect(s.instalments.slice(0, capInstalment - 1).every((i) => i.total === 1_195_663n)).toBe(true);
      // The repayment of principal is that of the uncapped schedule.
      expect(s.instalments.map((i) => i.principal).slice(-3)).toEqual([869_554n, 966_944n, 1_075_197n]);
    },
  );
});
