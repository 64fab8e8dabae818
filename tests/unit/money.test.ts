import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRub,
  max,
  min,
  MoneyFormatError,
  mulDivRound,
  parseKopecks,
  rub,
  splitEvenly,
  sum,
  toWire,
} from '../../src/domain/money';
import type { Rounding } from '../../src/domain/money';

const NBSP = '\u00a0';

describe('rub', () => {
  it.each([
    [12500.5, 1_250_050n],
    ['12500.50', 1_250_050n],
    ['12500.5', 1_250_050n],
    [0.1, 10n],
    [0.01, 1n],
    ['0', 0n],
    [10000, 1_000_000n],
    ['-3.07', -307n],
    [' 42 ', 4200n],
    ['92233720368547758.07', 9_223_372_036_854_775_807n],
  ])('rub(%j) = %s', (input, expected) => expect(rub(input)).toBe(expected));

  it.each([
    ['1.005'],
    [0.1 + 0.2],
    ['1,5'],
    ['1e3'],
    [1e21],
    [NaN],
    [Infinity],
    [''],
    ['.5'],
    ['5.'],
    ['+5'],
  ])('refuses %j', (input) => expect(() => rub(input)).toThrow(MoneyFormatError));
});

describe('formatRub', () => {
  it.each([
    [1_250_050n, `12${NBSP}500,50${NBSP}₽`],
    [1_250_000n, `12${NBSP}500${NBSP}₽`],
    [1_250_005n, `12${NBSP}500,05${NBSP}₽`],
    [0n, `0${NBSP}₽`],
    [1n, `0,01${NBSP}₽`],
    [99_999n, `999,99${NBSP}₽`],
    [100_000n, `1${NBSP}000${NBSP}₽`],
    [123_456_789_00n, `123${NBSP}456${NBSP}789${NBSP}₽`],
    [-100_000_50n, `-100${NBSP}000,50${NBSP}₽`],
  ])('formatRub(%s) = %j', (k, expected) => expect(formatRub(k)).toBe(expected));
});

describe('wire format', () => {
  it.each([
    ['1250000', 1_250_000n],
    ['0', 0n],
    ['-15', -15n],
    ['9223372036854775808', 9_223_372_036_854_775_808n],
  ])('parseKopecks(%j) = %s', (s, k) => {
    expect(parseKopecks(s)).toBe(k);
    expect(toWire(k)).toBe(s);
  });

  it.each([['01'], ['-0'], ['+1'], ['1.0'], [''], [' 1'], ['1e3'], ['0x10']])('refuses %j', (s) =>
    expect(() => parseKopecks(s)).toThrow(MoneyFormatError),
  );
});

describe('sum, min, max', () => {
  it('works on bigints', () => {
    expect(sum([])).toBe(0n);
    expect(sum([1n, 2n, -5n])).toBe(-2n);
    expect(min(3n, 1n, 2n)).toBe(1n);
    expect(max(3n, 7n, 2n)).toBe(7n);
    expect(min(5n)).toBe(5n);
  });
});

describe('mulDivRound', () => {
  const table: [bigint, bigint, bigint, Rounding, bigint][] = [
    // 1 234 567 kopecks × 0.8 % × 13 days = 128 394.968 kopecks
    [1_234_567n, 1040n, 10_000n, 'down', 128_394n],
    [1_234_567n, 1040n, 10_000n, 'up', 128_395n],
    [1_234_567n, 1040n, 10_000n, 'half-up', 128_395n],
    // exactly half
    [5n, 1n, 2n, 'half-up', 3n],
    [5n, 1n, 2n, 'down', 2n],
    [5n, 1n, 2n, 'up', 3n],
    [-5n, 1n, 2n, 'half-up', -3n],
    [-5n, 1n, 2n, 'down', -2n],
    [-5n, 1n, 2n, 'up', -3n],
    [5n, 1n, -2n, 'half-up', -3n],
    // just below half
    [149n, 1n, 100n, 'half-up', 1n],
    [150n, 1n, 100n, 'half-up', 2n],
    [-149n, 1n, 100n, 'half-up', -1n],
    // exact
    [1_000_000n, 2400n, 10_000n, 'up', 240_000n],
    [0n, 7n, 3n, 'up', 0n],
  ];
  it.each(table)('%s × %s / %s (%s) = %s', (a, num, den, rule, expected) =>
    expect(mulDivRound(a, num, den, rule)).toBe(expected),
  );

  it('refuses a zero denominator', () => expect(() => mulDivRound(1n, 1n, 0n, 'down')).toThrow(RangeError));

  it('down ≤ exact ≤ up, half-up within half a unit (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (a, num, den) => {
          const down = mulDivRound(a, num, den, 'down');
          const up = mulDivRound(a, num, den, 'up');
          const half = mulDivRound(a, num, den, 'half-up');
          const exact = a * num; // compare q × den with the exact numerator
          const abs = (x: bigint) => (x < 0n ? -x : x);
          expect(abs(down * den)).toBeLessThanOrEqual(abs(exact));
          expect(abs(up * den)).toBeGreaterThanOrEqual(abs(exact));
          expect(abs(up - down)).toBeLessThanOrEqual(1n);
          expect(abs(2n * (half * den - exact))).toBeLessThanOrEqual(den);
        },
      ),
    );
  });
});

describe('splitEvenly', () => {
  it.each([
    [1_000_000n, 3, [333_333n, 333_333n, 333_334n]],
    [1_000_001n, 5, [200_000n, 200_000n, 200_000n, 200_000n, 200_001n]],
    [11n, 4, [2n, 3n, 3n, 3n]],
    [1n, 3, [0n, 0n, 1n]],
    [-11n, 4, [-2n, -3n, -3n, -3n]],
    [600n, 3, [200n, 200n, 200n]],
    [7n, 1, [7n]],
  ])('splitEvenly(%s, %i)', (total, parts, expected) => expect(splitEvenly(total, parts)).toEqual(expected));

  it('refuses a non-positive or fractional count', () => {
    expect(() => splitEvenly(10n, 0)).toThrow(RangeError);
    expect(() => splitEvenly(10n, 1.5)).toThrow(RangeError);
  });

  it('sums exactly, parts differ by at most a kopeck and never decrease (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 1, max: 60 }),
        (total, parts) => {
          const split = splitEvenly(total, parts);
          expect(split).toHaveLength(parts);
          expect(sum(split)).toBe(total);
          const hi = max(split[0] as bigint, ...split);
          const lo = min(split[0] as bigint, ...split);
          expect(hi - lo).toBeLessThanOrEqual(1n);
          for (let i = 1; i < split.length; i++) {
            const step = (split[i] as bigint) - (split[i - 1] as bigint);
            expect(total >= 0n ? step >= 0n : step <= 0n).toBe(true);
          }
        },
      ),
    );
  });
});
