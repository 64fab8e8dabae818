import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { sum } from '../../src/domain/money';
import { nextWorkingDay, RUSSIAN_CALENDAR } from '../../src/domain/production-calendar';
import { equalPayment, instalmentSchedule, paydaySchedule, type Instalment } from '../../src/domain/schedule';

// Expected amounts worked out independently with exact fractions in python3 (interest rounded down per period,
// equal payment rounded half up, the last payment repays the remaining principal).

type Row = [
  n: number,
  dueDate: string,
  principal: bigint,
  interest: bigint,
  total: bigint,
  remaining: bigint,
];
const rows = (schedule: { instalments: readonly Instalment[] }) =>
  schedule.instalments.map((i): Row => [
    i.n,
    i.dueDate,
    i.principal,
    i.interest,
    i.total,
    i.remainingPrincipal,
  ]);

describe('payday (one payment)', () => {
  it.each([
    // principal, bp/day, days, start, interest, total, due
    // Due dates on a non-working day move to the next working day (Civil Code art. 193), the amount stays:
    // Sunday 2026-05-31 → Monday 2026-06-01; 2027-01-06 (a holiday) → 2027-01-11.
    [1_000_000n, 80, 30, '2026-05-01', 240_000n, 1_240_000n, '2026-06-01'],
    [1_234_567n, 80, 13, '2026-05-01', 128_394n, 1_362_961n, '2026-05-14'], // 128 394.968 → down
    [1_550_000n, 75, 17, '2026-12-20', 197_625n, 1_747_625n, '2027-01-11'],
    [100_000n, 80, 5, '2028-02-26', 4_000n, 104_000n, '2028-03-02'], // leap year
    [3_000_000n, 0, 30, '2026-05-01', 0n, 3_000_000n, '2026-06-01'], // 0 % promo
  ])('%s kop at %i bp for %i days from %s', (principal, bp, days, start, interest, total, due) => {
    const s = paydaySchedule({
      principal,
      dailyRateBp: bp,
      termDays: days,
      startDate: start,
      accrualCap: null,
    });
    expect(rows(s)).toEqual([[1, due, principal, interest, total, 0n]]);
    expect(s.totalInterest).toBe(interest);
    expect(s.totalToRepay).toBe(total);
    expect(s.capApplied).toBe(false);
  });

  it('refuses a zero term or principal', () => {
    const base = {
      principal: 100_000n,
      dailyRateBp: 80,
      termDays: 10,
      startDate: '2026-05-01',
      accrualCap: null,
    };
    expect(() => paydaySchedule({ ...base, termDays: 0 })).toThrow(RangeError);
    expect(() => paydaySchedule({ ...base, principal: 0n })).toThrow(RangeError);
    expect(() => paydaySchedule({ ...base, dailyRateBp: 0.5 })).toThrow(RangeError);
  });
});

describe('instalment (equal payments every 14 days)', () => {
  it('30 000 RUB, 8 weeks, 0.5 %/day', () => {
    const s = instalmentSchedule({
      principal: 3_000_000n,
      dailyRateBp: 50,
      termWeeks: 8,
      startDate: '2026-05-01',
      accrualCap: 3_000_000n,
    });
    expect(s.regularPayment).toBe(885_684n);
    expect(rows(s)).toEqual([
      [1, '2026-05-15', 675_684n, 210_000n, 885_684n, 2_324_316n],
      [2, '2026-05-29', 722_982n, 162_702n, 885_684n, 1_601_334n],
      [3, '2026-06-15', 773_591n, 112_093n, 885_684n, 827_743n],
      [4, '2026-06-26', 827_743n, 57_942n, 885_685n, 0n],
    ]);
    expect(s.totalInterest).toBe(542_737n);
    expect(s.totalToRepay).toBe(3_542_737n);
  });

  it('20 000 RUB, 12 weeks, 0.37 %/day', () => {
    const s = instalmentSchedule({
      principal: 2_000_000n,
      dailyRateBp: 37,
      termWeeks: 12,
      startDate: '2026-05-01',
      accrualCap: 2_000_000n,
    });
    expect(s.regularPayment).toBe(396_306n);
    expect(rows(s)).toEqual([
      [1, '2026-05-15', 292_706n, 103_600n, 396_306n, 1_707_294n],
      [2, '2026-05-29', 307_869n, 88_437n, 396_306n, 1_399_425n],
      [3, '2026-06-15', 323_816n, 72_490n, 396_306n, 1_075_609n],
      [4, '2026-06-26', 340_590n, 55_716n, 396_306n, 735_019n],
      [5, '2026-07-10', 358_233n, 38_073n, 396_306n, 376_786n],
      [6, '2026-07-24', 376_786n, 19_517n, 396_303n, 0n],
    ]);
    expect(s.totalInterest).toBe(377_833n);
  });

  it('50 000 RUB, 8 weeks at the legal maximum 0.8 %/day', () => {
    const s = instalmentSchedule({
      principal: 5_000_000n,
      dailyRateBp: 80,
      termWeeks: 8,
      startDate: '2026-05-01',
      accrualCap: 5_000_000n,
    });
    expect(rows(s)).toEqual([
      [1, '2026-05-15', 1_058_519n, 560_000n, 1_618_519n, 3_941_481n],
      [2, '2026-05-29', 1_177_074n, 441_445n, 1_618_519n, 2_764_407n],
      [3, '2026-06-15', 1_308_906n, 309_613n, 1_618_519n, 1_455_501n],
      [4, '2026-06-26', 1_455_501n, 163_016n, 1_618_517n, 0n],
    ]);
    expect(s.capApplied).toBe(false);
  });

  it('0 % splits the principal; the last payment takes the odd kopeck', () => {
    const s = instalmentSchedule({
      principal: 1_000_001n,
      dailyRateBp: 0,
      termWeeks: 10,
      startDate: '2026-05-01',
      accrualCap: 1_000_001n,
    });
    expect(s.instalments.map((i) => i.total)).toEqual([200_000n, 200_000n, 200_000n, 200_000n, 200_001n]);
    expect(s.totalInterest).toBe(0n);
  });

  it.each([
    // principal, bp, payments → equal payment (exact annuity, half up)
    [3_000_000n, 50, 4, 885_684n],
    [2_000_000n, 37, 6, 396_306n],
    [10_000_000n, 80, 26, 1_195_663n],
    [1_000_001n, 0, 5, 200_000n],
  ])('equalPayment(%s, %i bp, %i payments) = %s', (p, bp, n, a) => expect(equalPayment(p, bp, n)).toBe(a));

  it('refuses odd or too short terms in weeks', () => {
    const base = { principal: 100_000n, dailyRateBp: 50, startDate: '2026-05-01', accrualCap: null };
    expect(() => instalmentSchedule({ ...base, termWeeks: 9 })).toThrow(RangeError);
    expect(() => instalmentSchedule({ ...base, termWeeks: 0 })).toThrow(RangeError);
  });

  it('principal parts sum exactly, payments are equal but the last, interest never above the cap (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 100_000_000n }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 26 }),
        fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
        (principal, bp, payments, capPercent) => {
          const cap = capPercent === null ? null : (principal * BigInt(capPercent)) / 100n;
          const s = instalmentSchedule({
            principal,
            dailyRateBp: bp,
            termWeeks: payments * 2,
            startDate: '2026-01-30',
            accrualCap: cap,
          });
          const list = s.instalments;
          expect(list).toHaveLength(payments);
          expect(sum(list.map((i) => i.principal))).toBe(principal);
          expect(list[list.length - 1]?.remainingPrincipal).toBe(0n);
          let remaining = principal;
          list.forEach((i, k) => {
            expect(i.n).toBe(k + 1);
            // Scheduled every 14 days; due on the next working day when that is not one (Civil Code art. 193).
            const scheduled = addDays('2026-01-30', 14 * (k + 1));
            expect(i.scheduledDate ?? i.dueDate).toBe(scheduled);
            expect(i.dueDate).toBe(nextWorkingDay(RUSSIAN_CALENDAR, scheduled));
            expect(i.principal).toBeGreaterThanOrEqual(0n);
            expect(i.interest).toBeGreaterThanOrEqual(0n);
            expect(i.total).toBe(i.principal + i.interest);
            remaining -= i.principal;
            expect(i.remainingPrincipal).toBe(remaining);
          });
          expect(s.totalToRepay).toBe(principal + s.totalInterest);
          if (cap === null) expect(s.totalInterest).toBe(s.uncappedInterest);
          // A few kopecks over 26 payments cannot be equal (a payment of 1 kopeck repays 3 kopecks in 3 periods);
          // from 100 RUB on, the equal payments always hold.
          if (cap === null && principal >= 10_000n) {
            // Equal payments; the last differs only by the accumulated rounding.
            list.slice(0, -1).forEach((i) => expect(i.total).toBe(s.regularPayment));
            const last = list[list.length - 1]?.total ?? 0n;
            const diff = last > s.regularPayment ? last - s.regularPayment : s.regularPayment - last;
            // Each period adds at most ½ kopeck (payment rounding) + 1 (interest rounding) to the principal
            // left, which then grows at the periodic rate j: |last − A| ≤ 1.5·(1+j)·Σ_{m<n−1}(1+j)^m + 1.5.
            const j = (bp * 14) / 10_000;
            let growth = 0;
            for (let m = 0; m < payments - 1; m++) growth += (1 + j) ** m;
            expect(Number(diff)).toBeLessThanOrEqual(1.5 * (1 + j) * growth + 1.5);
          }
          if (cap !== null) expect(s.totalInterest).toBe(s.uncappedInterest < cap ? s.uncappedInterest : cap);
        },
      ),
      { numRuns: 400 },
    );
  });
});
