import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/decision';
import { bestOffer, policyWithOffer } from '../../src/domain/offers';
import { quote } from '../../src/domain/quote';
import { INSTALMENT, PAYDAY } from '../support/products';

// The independent formula (353-FZ art. 6 p. 2) for one payment at the end of the term: the base period is the
// term, ЧБП = 365 / days, i = interest / principal, ПСК = i × ЧБП × 100. Interest = P × bp / 10 000 × days, so
// ПСК = bp × 365 / 100 whatever the term and amount — exactly, in thousandths bp × 3 650.
const pskOfDailyRate = (bp: number) => {
  const thousandths = BigInt(bp) * 3650n;
  return `${thousandths / 1000n}.${String(thousandths % 1000n).padStart(3, '0')}`;
};

describe('a personal discount in the quote and the PSK', () => {
  it('0.8 % a day with a 0.1 % discount: 0.7 % a day, 12 100 ₽ to repay on 10 000 ₽ for 30 days, PSK 255.500', () => {
    const base = {
      product: PAYDAY,
      amount: 1_000_000n,
      term: { days: 30 },
      startDate: '2026-11-24',
    } as const;
    const full = quote(base);
    const discounted = quote({ ...base, rateDiscountBp: 10 });
    expect(full).toMatchObject({ dailyRateBp: 80, totalToRepay: 1_240_000n, pskPercent: '292.000' });
    expect(discounted).toMatchObject({ dailyRateBp: 70, totalToRepay: 1_210_000n, pskPercent: '255.500' });
  });

  it('for any discount, amount and term, the PSK is exactly the formula at the discounted rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 5, max: 30 }),
        (discount, thousands, days) => {
          const q = quote({
            product: PAYDAY,
            amount: BigInt(thousands) * 100_000n,
            term: { days },
            startDate: '2026-11-24',
            rateDiscountBp: discount,
          });
          const rate = Math.max(0, 80 - discount);
          expect(q.dailyRateBp).toBe(rate);
          expect(q.pskPercent).toBe(pskOfDailyRate(rate));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an instalment loan: a discount lowers the PSK, and equals the quote of a product at the lower rate', () => {
    const base = { amount: 3_000_000n, term: { weeks: 8 }, startDate: '2026-11-24' } as const;
    const discounted = quote({ ...base, product: INSTALMENT, rateDiscountBp: 13 });
    const lowerRate = quote({ ...base, product: { ...INSTALMENT, dailyRateBp: 37 } });
    expect(discounted.pskPercent).toBe(lowerRate.pskPercent);
    expect(Number(discounted.pskPercent)).toBeLessThan(
      Number(quote({ ...base, product: INSTALMENT }).pskPercent),
    );
  });

  it('the best offer in force: the largest discount, then the largest amount; none outside its period', () => {
    const o = (id: string, rateDiscountBp: number, amountBonus: bigint, validTo = '2026-12-31') => ({
      id,
      rateDiscountBp,
      amountBonus,
      validFrom: '2026-11-01',
      validTo,
    });
    expect(bestOffer([o('a', 5, 0n), o('b', 10, 0n), o('c', 10, 100n)], '2026-11-24')?.id).toBe('c');
    expect(bestOffer([o('a', 5, 0n, '2026-11-20')], '2026-11-24')).toBeNull();
  });
});

describe('the larger pre-approved amount', () => {
  it.each([
    [null, 5_000_000n],
    [{ amountBonus: 0n }, 5_000_000n],
    [{ amountBonus: 300_000n }, 5_300_000n],
  ])('offer %o → approved without a specialist up to %s kopecks', (offer, limit) => {
    const policy = policyWithOffer(DEFAULT_POLICY, offer);
    expect(policy.manualReviewFirstLoanAbove).toBe(limit);
    expect(policy.maxDebtLoadPercent).toBe(DEFAULT_POLICY.maxDebtLoadPercent);
  });
});
