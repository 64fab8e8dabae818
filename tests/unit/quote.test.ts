import { describe, expect, it } from 'vitest';
import { ruleSetOn } from '../../src/domain/legal-rules';
import type { LegalRuleSet } from '../../src/domain/legal-rules';
import { rub } from '../../src/domain/money';
import { quote, QuoteError, validateProduct } from '../../src/domain/quote';
import type { LoanProduct, QuoteErrorCode, QuoteInput } from '../../src/domain/quote';
import { INSTALMENT, PAYDAY } from '../support/products';

const refusal = (input: QuoteInput): QuoteErrorCode | 'accepted' => {
  try {
    quote(input);
    return 'accepted';
  } catch (e) {
    if (e instanceof QuoteError) return e.code;
    throw e;
  }
};

describe('quote', () => {
  it('payday: 10 000 RUB for 30 days at 0.8 %/day', () => {
    const q = quote({ product: PAYDAY, amount: rub(10000), term: { days: 30 }, startDate: '2026-05-01' });
    expect(q).toMatchObject({
      productId: 'payday',
      kind: 'payday',
      dailyRateBp: 80,
      ruleSetId: '2026-04-01',
      regularPayment: 1_240_000n,
      totalToRepay: 1_240_000n,
      totalInterest: 240_000n,
      accrualCap: 1_000_000n,
      capApplied: false,
      pskPercent: '292.000',
      pskRub: 240_000n,
      // Scheduled on Sunday 2026-05-31, due on Monday 2026-06-01 (Civil Code art. 193); the PSK and the amount
      // stay those of the scheduled 30 days.
      firstDueDate: '2026-06-01',
      lastDueDate: '2026-06-01',
    });
    expect(q.schedule).toEqual([
      {
        n: 1,
        dueDate: '2026-06-01',
        scheduledDate: '2026-05-31',
        principal: 1_000_000n,
        interest: 240_000n,
        total: 1_240_000n,
        remainingPrincipal: 0n,
      },
    ]);
  });

  it('payday, first loan: the 0 % promo', () => {
    const q = quote({
      product: PAYDAY,
      amount: rub(7000),
      term: { days: 14 },
      startDate: '2026-05-01',
      firstLoan: true,
    });
    expect(q.dailyRateBp).toBe(0);
    expect(q.totalToRepay).toBe(700_000n);
    expect(q.totalInterest).toBe(0n);
    expect(q.pskPercent).toBe('0.000');
    expect(q.pskRub).toBe(0n);
  });

  it('instalment: 30 000 RUB over 8 weeks at 0.5 %/day', () => {
    const q = quote({ product: INSTALMENT, amount: rub(30000), term: { weeks: 8 }, startDate: '2026-05-01' });
    expect(q.schedule.map((i) => i.total)).toEqual([885_684n, 885_684n, 885_684n, 885_685n]);
    expect(q.regularPayment).toBe(885_684n);
    expect(q.totalToRepay).toBe(3_542_737n);
    expect(q.totalInterest).toBe(542_737n);
    expect(q.pskPercent).toBe('182.500');
    expect(q.pskRub).toBe(542_737n);
    expect(q.firstDueDate).toBe('2026-05-15');
    expect(q.lastDueDate).toBe('2026-06-26');
  });

  it.each([
    ['2026-03-31', '2023-07-01', 13_000_000n, '238.405', '2027-03-30'],
    ['2026-04-01', '2026-04-01', 10_000_000n, '193.298', '2027-03-31'],
  ])(
    'instalment at 0.8 %%/day over 52 weeks signed on %s: the cap of the day',
    (date, ruleSetId, interest, pskPercent, last) => {
      const q = quote({
        product: { ...INSTALMENT, dailyRateBp: 80 },
        amount: rub(100000),
        term: { weeks: 52 },
        startDate: date,
      });
      expect(q.ruleSetId).toBe(ruleSetId);
      expect(q.totalInterest).toBe(interest);
      expect(q.accrualCap).toBe(interest);
      expect(q.capApplied).toBe(true);
      expect(q.pskPercent).toBe(pskPercent);
      expect(q.lastDueDate).toBe(last);
    },
  );

  it('the PSK rounding is configurable', () => {
    const input: QuoteInput = {
      product: INSTALMENT,
      amount: rub(30000),
      term: { weeks: 8 },
      startDate: '2026-05-01',
    };
    expect(quote({ ...input, pskRounding: 'truncate' }).pskPercent).toBe('182.499');
  });
});

describe('quote refusals', () => {
  const payday = (over: Partial<QuoteInput>): QuoteInput => ({
    product: PAYDAY,
    amount: rub(10000),
    term: { days: 30 },
    startDate: '2026-05-01',
    ...over,
  });
  const instalment = (over: Partial<QuoteInput>): QuoteInput => ({
    product: INSTALMENT,
    amount: rub(30000),
    term: { weeks: 8 },
    startDate: '2026-05-01',
    ...over,
  });
  // A rule set where 1 %/day is lawful but the PSK ceiling is still 292 %.
  const LAX: LegalRuleSet = { ...ruleSetOn('2026-05-01'), id: 'lax', maxDailyRateBp: 100 };

  it.each<[string, QuoteInput, QuoteErrorCode | 'accepted']>([
    ['the smallest amount', payday({ amount: rub(1000) }), 'accepted'],
    ['the largest amount', payday({ amount: rub(30000) }), 'accepted'],
    ['below the minimum', payday({ amount: rub(999) }), 'AMOUNT_OUT_OF_RANGE'],
    ['above the maximum', payday({ amount: rub(31000) }), 'AMOUNT_OUT_OF_RANGE'],
    ['off the step', payday({ amount: rub('10500.00') }), 'AMOUNT_NOT_ON_STEP'],
    ['the shortest term', payday({ term: { days: 5 } }), 'accepted'],
    ['too short', payday({ term: { days: 4 } }), 'TERM_OUT_OF_RANGE'],
    ['too long', payday({ term: { days: 31 } }), 'TERM_OUT_OF_RANGE'],
    ['weeks for a payday loan', payday({ term: { weeks: 2 } }), 'TERM_OUT_OF_RANGE'],
    ['8 weeks', instalment({ term: { weeks: 8 } }), 'accepted'],
    ['52 weeks', instalment({ term: { weeks: 52 } }), 'accepted'],
    ['6 weeks', instalment({ term: { weeks: 6 } }), 'TERM_OUT_OF_RANGE'],
    ['54 weeks', instalment({ term: { weeks: 54 } }), 'TERM_OUT_OF_RANGE'],
    ['an odd number of weeks', instalment({ term: { weeks: 9 } }), 'TERM_OUT_OF_RANGE'],
    ['days for an instalment loan', instalment({ term: { days: 56 } }), 'TERM_OUT_OF_RANGE'],
    ['a rate above 0.8 %/day', payday({ product: { ...PAYDAY, dailyRateBp: 81 } }), 'RATE_ABOVE_LEGAL_MAX'],
    [
      'an unlawful rate even with a lawful promo',
      payday({ product: { ...PAYDAY, dailyRateBp: 81 }, firstLoan: true }),
      'RATE_ABOVE_LEGAL_MAX',
    ],
    ['a PSK above the quarterly ceiling', payday({ pskCeilingPercent: '291.999' }), 'PSK_ABOVE_LEGAL_MAX'],
    ['a PSK on the quarterly ceiling', payday({ pskCeilingPercent: '292.000' }), 'accepted'],
    ['a quarterly ceiling above 292 % does not lift it', payday({ pskCeilingPercent: '400' }), 'accepted'],
    [
      'a lawful rate whose PSK exceeds 292 %',
      payday({ product: { ...PAYDAY, dailyRateBp: 81 }, ruleSet: LAX }),
      'PSK_ABOVE_LEGAL_MAX',
    ],
    [
      'a rule set not yet in force',
      payday({ startDate: '2026-03-31', ruleSet: ruleSetOn('2026-04-01') }),
      'RULE_SET_NOT_IN_FORCE',
    ],
    ['an invalid product', payday({ product: { ...PAYDAY, amountStep: 0n } }), 'PRODUCT_INVALID'],
  ])('%s → %s', (_name, input, expected) => expect(refusal(input)).toBe(expected));

  it('carries the violations', () => {
    try {
      quote(payday({ product: { ...PAYDAY, dailyRateBp: 90 } }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QuoteError);
      expect((e as QuoteError).violations).toEqual([
        {
          code: 'RATE_ABOVE_LEGAL_MAX',
          field: 'dailyRateBp',
          message: 'above the legal maximum of 80 bp a day',
        },
      ]);
    }
  });
});

describe('validateProduct', () => {
  const rules = ruleSetOn('2026-05-01');
  it.each<[string, LoanProduct, string[]]>([
    ['a valid payday product', PAYDAY, []],
    ['a valid instalment product', INSTALMENT, []],
    ['at the legal maximum', { ...INSTALMENT, dailyRateBp: 80 }, []],
    ['above the legal maximum', { ...PAYDAY, dailyRateBp: 81 }, ['RATE_ABOVE_LEGAL_MAX:dailyRateBp']],
    [
      'a promo above the maximum',
      { ...PAYDAY, firstLoanDailyRateBp: 100 },
      ['RATE_ABOVE_LEGAL_MAX:firstLoanDailyRateBp'],
    ],
    ['a fractional rate', { ...PAYDAY, dailyRateBp: 79.5 }, ['PRODUCT_INVALID:dailyRateBp']],
    ['min above max', { ...PAYDAY, minAmount: rub(40000) }, ['PRODUCT_INVALID:maxAmount']],
    ['a step that misses the maximum', { ...PAYDAY, amountStep: rub(7000) }, ['PRODUCT_INVALID:amountStep']],
    ['a zero minimum', { ...PAYDAY, minAmount: 0n }, ['PRODUCT_INVALID:minAmount']],
    ['a term over a year', { ...PAYDAY, maxTermDays: 366 }, ['PRODUCT_INVALID:maxTermDays']],
    ['odd weeks', { ...INSTALMENT, minTermWeeks: 9 }, ['PRODUCT_INVALID:minTermWeeks']],
    ['over 52 weeks', { ...INSTALMENT, maxTermWeeks: 54 }, ['PRODUCT_INVALID:maxTermWeeks']],
    ['terms reversed', { ...PAYDAY, minTermDays: 31 }, ['PRODUCT_INVALID:maxTermDays']],
  ])('%s', (_name, product, expected) =>
    expect(validateProduct(product, rules).map((v) => `${v.code}:${v.field}`)).toEqual(expected),
  );

  it('judges a product by the rule set given', () => {
    const lax: LegalRuleSet = { ...rules, maxDailyRateBp: 100 };
    expect(validateProduct({ ...PAYDAY, dailyRateBp: 90 }, lax)).toEqual([]);
  });
});
