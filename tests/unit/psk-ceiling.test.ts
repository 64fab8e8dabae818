import { describe, expect, it } from 'vitest';
import { ruleSetOn } from '../../src/domain/legal-rules';
import {
  ceilingInForce,
  isQuarterStart,
  pskCategoryOf,
  pskCeilingFromAverage,
  quarterStartOf,
} from '../../src/domain/psk-ceiling';
import { quote, QuoteError, type PaydayProduct } from '../../src/domain/quote';

const rules = ruleSetOn('2026-11-24'); // maxPskPercent 292

describe('pskCategoryOf', () => {
  it.each<[bigint, number, string]>([
    [100_000n, 5, 'microloan-unsecured:upto-30000:upto-30d'],
    [3_000_000n, 30, 'microloan-unsecured:upto-30000:upto-30d'],
    [3_000_000n, 31, 'microloan-unsecured:upto-30000:31-60d'],
    [3_000_000n, 56, 'microloan-unsecured:upto-30000:31-60d'],
    [3_100_000n, 56, 'microloan-unsecured:30000-100000:31-60d'],
    [5_000_000n, 182, 'microloan-unsecured:30000-100000:181-365d'],
    [10_000_000n, 364, 'microloan-unsecured:30000-100000:181-365d'],
    [10_000_100n, 61, 'microloan-unsecured:over-100000:61-180d'],
  ])('%s kopecks over %s days → %s', (amount, days, code) => {
    expect(pskCategoryOf(amount, days).code).toBe(code);
  });

  it('labels the category as the Bank of Russia does', () => {
    expect(pskCategoryOf(1_000_000n, 30).label).toBe(
      'Потребительские микрозаймы без обеспечения до 30 000 ₽ включительно на срок до 30 дней включительно',
    );
    expect(() => pskCategoryOf(1_000_000n, 366)).toThrow(RangeError);
  });
});

describe('pskCeilingFromAverage: average + 1/3, rounded down, never above 292 %', () => {
  it.each<[string, string]>([
    ['180', '240.000'],
    ['200', '266.666'],
    ['136.875', '182.500'],
    ['136.874', '182.498'],
    ['218.999', '291.998'],
    ['219', '292.000'],
    ['250', '292.000'],
  ])('%s %% → %s %%', (average, ceiling) => {
    expect(pskCeilingFromAverage(average, rules)).toBe(ceiling);
  });
});

describe('quarters', () => {
  it.each<[string, string]>([
    ['2026-01-01', '2026-01-01'],
    ['2026-03-31', '2026-01-01'],
    ['2026-04-01', '2026-04-01'],
    ['2026-11-24', '2026-10-01'],
  ])('%s is in the quarter starting %s', (date, start) => {
    expect(quarterStartOf(date)).toBe(start);
    expect(isQuarterStart(start)).toBe(true);
  });

  it('the ceiling in force is the latest quarter not after the date, per category', () => {
    const e = (category: string, quarterStart: string, ceilingPercent: string) => ({
      category,
      quarterStart,
      averagePercent: '0',
      ceilingPercent,
    });
    const entries = [
      e('a', '2026-07-01', '250.000'),
      e('a', '2026-10-01', '240.000'),
      e('b', '2026-10-01', '1'),
    ];
    expect(ceilingInForce(entries, 'a', '2026-09-30')?.ceilingPercent).toBe('250.000');
    expect(ceilingInForce(entries, 'a', '2026-10-01')?.ceilingPercent).toBe('240.000');
    expect(ceilingInForce(entries, 'a', '2027-02-01')?.ceilingPercent).toBe('240.000');
    expect(ceilingInForce(entries, 'a', '2026-06-30')).toBeUndefined();
  });
});

describe('quote refuses an offer above the quarterly ceiling', () => {
  const payday: PaydayProduct = {
    id: 'payday',
    kind: 'payday',
    minAmount: 100_000n,
    maxAmount: 3_000_000n,
    amountStep: 100_000n,
    dailyRateBp: 80,
    firstLoanDailyRateBp: 0,
    minTermDays: 5,
    maxTermDays: 30,
  };
  const input = { product: payday, amount: 1_000_000n, term: { days: 30 }, startDate: '2026-11-24' };

  it('292.000 % under a ceiling of 292.000 % is offered', () => {
    expect(quote({ ...input, pskCeilingPercent: '292.000' }).pskPercent).toBe('292.000');
  });

  it('292.000 % under a ceiling of 291.998 % is refused, with both figures', () => {
    const error = (() => {
      try {
        quote({ ...input, pskCeilingPercent: '291.998' });
      } catch (e) {
        return e;
      }
    })() as QuoteError;
    expect(error).toBeInstanceOf(QuoteError);
    expect(error.code).toBe('PSK_ABOVE_LEGAL_MAX');
    expect(error.psk).toEqual({ percent: '292.000', ceilingPercent: '291.998' });
  });

  it('a ceiling above the legal maximum does not lift it', () => {
    expect(quote({ ...input, pskCeilingPercent: '333.333' }).pskPercent).toBe('292.000');
  });
});
