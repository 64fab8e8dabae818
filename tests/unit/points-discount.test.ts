import { describe, expect, it } from 'vitest';
import { pointsDiscountLines } from '../../src/domain/ledger';
import { pointsDiscount } from '../../src/domain/points';

const base = {
  asked: 200,
  balance: 500,
  kopecksPerPoint: 100,
  interestDue: 1_000_000n,
  amount: 5_000_000n,
  minPayment: 100n,
};

describe('points spent on a payment', () => {
  it.each([
    ['as asked', {}, 200, 20_000n],
    ['not above the balance', { balance: 50 }, 50, 5_000n],
    ['not above the interest due (whole points)', { interestDue: 12_345n }, 123, 12_300n],
    ['at least the minimum paid in money', { amount: 10_000n }, 99, 9_900n],
    ['nothing without interest', { interestDue: 0n }, 0, 0n],
    ['nothing when spending is off', { kopecksPerPoint: 0 }, 0, 0n],
  ])('%s', (_, overrides, points, discount) => {
    expect(pointsDiscount({ ...base, ...overrides })).toEqual({ points, discount });
  });

  it('the discount reduces overdue interest first, against the marketing expense, and balances', () => {
    const lines = pointsDiscountLines(30_000n, { interest: 50_000n, interestOverdue: 10_000n });
    expect(lines).toEqual([
      { account: 'marketing_expense', ofLoan: false, amount: 30_000n },
      { account: 'interest_overdue', ofLoan: true, amount: -10_000n },
      { account: 'interest', ofLoan: true, amount: -20_000n },
    ]);
    expect(lines.reduce((s, l) => s + l.amount, 0n)).toBe(0n);
    expect(() => pointsDiscountLines(70_000n, { interest: 50_000n, interestOverdue: 10_000n })).toThrow();
  });
});
