import { describe, expect, it } from 'vitest';
import { DAYS, PAYMENTS, WEEKS, plural, termText } from '../../src/domain/russian';

describe('plural', () => {
  it.each([
    [1, 'день'],
    [2, 'дня'],
    [4, 'дня'],
    [5, 'дней'],
    [0, 'дней'],
    [11, 'дней'],
    [12, 'дней'],
    [14, 'дней'],
    [21, 'день'],
    [22, 'дня'],
    [25, 'дней'],
    [30, 'дней'],
    [101, 'день'],
    [111, 'дней'],
    [112, 'дней'],
    [1001, 'день'],
  ])('%i → %s', (n, word) => {
    expect(plural(n, DAYS)).toBe(word);
  });

  it('uses the last two digits of negative numbers too', () => {
    expect(plural(-1, DAYS)).toBe('день');
    expect(plural(-13, DAYS)).toBe('дней');
  });

  it('speaks of weeks and payments', () => {
    expect([8, 21, 22, 52].map((n) => plural(n, WEEKS))).toEqual(['недель', 'неделя', 'недели', 'недели']);
    expect([1, 3, 6, 26].map((n) => plural(n, PAYMENTS))).toEqual([
      'платёж',
      'платежа',
      'платежей',
      'платежей',
    ]);
  });

  it('writes a term with a non-breaking space', () => {
    expect(termText(30, 'days')).toBe('30\u00a0дней');
    expect(termText(1, 'days')).toBe('1\u00a0день');
    expect(termText(12, 'weeks')).toBe('12\u00a0недель');
    expect(termText(52, 'weeks')).toBe('52\u00a0недели');
  });
});
