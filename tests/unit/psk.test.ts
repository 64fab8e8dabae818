import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basePeriodDays, formatThousandths, psk, PskError, pskExceeds, pskRub } from '../../src/domain/psk';
import type { PskCashFlows } from '../../src/domain/psk';
import { daysBetween } from '../../src/domain/calendar';
import { instalmentSchedule, pskPaymentsOf } from '../../src/domain/schedule';

// Reference values computed independently in python3 with exact fractions (bisection on the PSK itself down to
// ~1e-18 %, then the 3rd decimal decided by the sign of the exact sum at the rounding boundaries):
//   30 000 RUB, 8 wk, 0.5 %/day   → x = 182.499837303…  truncate 182.499, half-up 182.500, 5 427.37 RUB
//   20 000 RUB, 12 wk, 0.37 %/day → x = 135.048967301…  truncate 135.048, half-up 135.049, 3 778.33 RUB
//   50 000 RUB, 8 wk, 0.8 %/day   → x = 291.999705360…  truncate 291.999, half-up 292.000, 14 740.74 RUB
//   100 000 RUB, 52 wk, 0.8 %/day, capped at 130 % → x = 238.404957777…  238.404 / 238.405
//   100 000 RUB, 52 wk, 0.8 %/day, capped at 100 % → x = 193.298203143…  193.298 / 193.298
//   10 000 RUB repaid 4 000 on days 14, 28, 45 (БП 14, q = 3, e = 3/14 on the last) → x = 244.0898…  244.089 / 244.090

const single = (principal: bigint, days: number, repaid: bigint): PskCashFlows => ({
  disbursementDate: '2026-05-01',
  principal,
  payments: [{ date: new Date(Date.UTC(2026, 4, 1 + days)).toISOString().slice(0, 10), amount: repaid }],
});

const instalmentFlows = (principal: bigint, bp: number, weeks: number, start: string, capPercent: bigint) => {
  const s = instalmentSchedule({
    principal,
    dailyRateBp: bp,
    termWeeks: weeks,
    startDate: start,
    accrualCap: (principal * capPercent) / 100n,
  });
  return {
    disbursementDate: start,
    principal,
    payments: pskPaymentsOf(s.instalments),
  };
};

describe('PSK, single payment', () => {
  it('10 000 RUB for 30 days at 0.8 %/day repaid 12 400 RUB → 292.000', () => {
    const flows = single(1_000_000n, 30, 1_240_000n);
    for (const rounding of ['half-up', 'truncate'] as const) {
      const r = psk(flows, { rounding });
      expect(r.percent).toBe('292.000');
      expect(r.rub).toBe(240_000n);
      expect(r.basePeriodDays).toBe(30);
    }
    expect(pskExceeds(flows, '292')).toBe(false);
    expect(pskExceeds(flows, '291.999')).toBe(true);
  });

  it.each([
    // principal, days, repaid, PSK: a single payment at r %/day gives r × 365 whatever the term
    [100_000n, 5, 104_000n, '292.000'],
    [1_500_000n, 7, 1_584_000n, '292.000'],
    [3_000_000n, 15, 3_225_000n, '182.500'], // 0.5 %/day
    [1_000_000n, 30, 1_000_000n, '0.000'], // 0 % promo
    [1_000_000n, 10, 1_000_001n, '0.004'], // 1 kopeck on 10 000 RUB for 10 days: 0.00365 % → half up
  ])('%s kop for %i days repaid %s → %s', (principal, days, repaid, expected) => {
    expect(psk(single(principal, days, repaid)).percent).toBe(expected);
  });

  it('exactly half a thousandth rounds up (decided exactly, not by the float)', () => {
    // 1 kopeck on 10 000 RUB for 73 days: i = 1e-6, ЧБП = 5, PSK = 0.0005 %
    const flows = single(1_000_000n, 73, 1_000_001n);
    expect(psk(flows).percent).toBe('0.001');
    expect(psk(flows, { rounding: 'truncate' }).percent).toBe('0.000');
    expect(pskExceeds(flows, '0')).toBe(true);
    expect(pskExceeds(flows, '0.001')).toBe(false);
  });

  it('truncation differs from half up on the boundary', () => {
    expect(psk(single(1_000_000n, 10, 1_000_001n), { rounding: 'truncate' }).percent).toBe('0.003');
  });
});

describe('PSK, instalment loans (independent python3 figures)', () => {
  it.each([
    [3_000_000n, 50, 8, '2026-05-01', 100n, '182.499', '182.500', 542_737n],
    [2_000_000n, 37, 12, '2026-05-01', 100n, '135.048', '135.049', 377_833n],
    [5_000_000n, 80, 8, '2026-05-01', 100n, '291.999', '292.000', 1_474_074n],
    [10_000_000n, 80, 52, '2026-03-31', 130n, '238.404', '238.405', 13_000_000n],
    [10_000_000n, 80, 52, '2026-04-01', 100n, '193.298', '193.298', 10_000_000n],
  ])('%s kop at %i bp, %i weeks from %s (cap %s %%)', (p, bp, weeks, start, cap, truncated, halfUp, rub) => {
    const flows = instalmentFlows(p, bp, weeks, start, cap);
    expect(psk(flows, { rounding: 'truncate' }).percent).toBe(truncated);
    const r = psk(flows);
    expect(r.percent).toBe(halfUp);
    expect(r.rub).toBe(rub);
    expect(pskRub(flows)).toBe(rub);
    expect(r.basePeriodDays).toBe(14);
  });

  it('the legal maximum rate never gives a PSK above 292 (rounded-down interest)', () => {
    expect(pskExceeds(instalmentFlows(5_000_000n, 80, 8, '2026-05-01', 100n), '292')).toBe(false);
  });

  it('a fraction of a base period: e_k = 3/14 on day 45', () => {
    const flows: PskCashFlows = {
      disbursementDate: '2026-05-01',
      principal: 1_000_000n,
      payments: [
        { date: '2026-05-15', amount: 400_000n },
        { date: '2026-05-29', amount: 400_000n },
        { date: '2026-06-15', amount: 400_000n },
      ],
    };
    expect(psk(flows).percent).toBe('244.090');
    expect(psk(flows, { rounding: 'truncate' }).percent).toBe('244.089');
    expect(psk(flows).basePeriodDays).toBe(14);
  });

  it('payments on the same day are one flow', () => {
    const split: PskCashFlows = {
      disbursementDate: '2026-05-01',
      principal: 1_000_000n,
      payments: [
        { date: '2026-05-31', amount: 1_000_000n },
        { date: '2026-05-31', amount: 240_000n },
      ],
    };
    expect(psk(split).percent).toBe('292.000');
  });
});

describe('base period', () => {
  it.each([
    [[30], 30],
    [[14, 14, 14, 17], 14],
    [[10, 20, 33], 20], // none repeats: closest to the mean 21
    [[14, 14, 30, 30], 14], // two tie: closest to the mean 22, the shorter on a tie
    [[31, 30, 31, 31, 30], 31],
  ])('%j → %i', (intervals, expected) => expect(basePeriodDays(intervals)).toBe(expected));

  it('counts calendar days', () => {
    expect(daysBetween('2026-02-20', '2026-03-06')).toBe(14);
    expect(daysBetween('2028-02-20', '2028-03-06')).toBe(15);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});

describe('PSK refusals', () => {
  it('refuses flows that cost less than the principal, negative payments and empty schedules', () => {
    expect(() => psk(single(1_000_000n, 30, 999_999n))).toThrow(PskError);
    expect(() => psk({ disbursementDate: '2026-05-01', principal: 1n, payments: [] })).toThrow(PskError);
    expect(() =>
      psk({ disbursementDate: '2026-05-01', principal: 1n, payments: [{ date: '2026-05-02', amount: -1n }] }),
    ).toThrow(PskError);
    expect(() =>
      psk({ disbursementDate: '2026-05-01', principal: 1n, payments: [{ date: '2026-04-30', amount: 2n }] }),
    ).toThrow(PskError);
  });
});

describe('PSK agrees with the exact test (property)', () => {
  it('the exact PSK lies within a thousandth of the figure, for both roundings', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 100_000n, max: 100_000_000n }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 26 }),
        fc.constantFrom(100n, 130n),
        (principal, bp, payments, cap) => {
          const flows = instalmentFlows(principal, bp, payments * 2, '2026-02-27', cap);
          const half = psk(flows).thousandths;
          const truncated = psk(flows, { rounding: 'truncate' }).thousandths;
          expect(half - truncated === 0n || half - truncated === 1n).toBe(true);
          // truncate: t ≤ x < t + 1 (in thousandths)
          expect(pskExceeds(flows, formatThousandths(truncated + 1n))).toBe(false);
          if (truncated > 0n) expect(pskExceeds(flows, formatThousandths(truncated - 1n))).toBe(true);
          // never above 292 % at a lawful rate
          expect(pskExceeds(flows, '292')).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
