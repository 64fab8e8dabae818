import { describe, expect, it } from 'vitest';
import { kopecksFromWire, kopecksToWire } from '../../src/contracts/kopecks';
import { allocationLabel } from '../../src/domain/labels';
import { dailyRateText } from '../../src/domain/rates';

describe('the kopecks codec', () => {
  it.each<[bigint, string]>([
    [0n, '0'],
    [1n, '1'],
    [1_250_000n, '1250000'],
    [9_999_999_999_999_999n, '9999999999999999'],
  ])('%s ↔ %j', (kopecks, wire) => {
    expect(kopecksToWire(kopecks)).toBe(wire);
    expect(kopecksFromWire(wire)).toBe(kopecks);
  });

  it.each([['-1'], ['01'], ['1.5'], [''], ['12345678901234567']])('refuses %j on the wire', (wire) =>
    expect(() => kopecksFromWire(wire)).toThrow(),
  );

  it('refuses to put a negative amount on the wire', () => expect(() => kopecksToWire(-1n)).toThrow());
});

describe('shared texts', () => {
  it.each<[number, boolean, string]>([
    [80, false, '0,8\u00a0% в день'],
    [0, false, '0\u00a0% в день'],
    [100, false, '1\u00a0% в день'],
    [5, false, '0,05\u00a0% в день'],
    [80, true, '0,8\u00a0% в день (292,000\u00a0% годовых)'],
  ])('dailyRateText(%i, yearly %s) = %j', (bp, withYearly, text) =>
    expect(dailyRateText(bp, { withYearly })).toBe(text),
  );

  it('labels allocation buckets, and shows an unknown code as it is', () => {
    expect(allocationLabel('currentPrincipal')).toBe('Основной долг');
    expect(allocationLabel('overpayment')).toBe('Переплата');
    expect(allocationLabel('something')).toBe('something');
  });
});
