import { describe, expect, it } from 'vitest';
import { DAYS, plural, termText } from '../../src/domain/russian';

describe('plural', () => {
  it.each([
    [0, 'дней'],
    [1, 'день'],
    [2, 'дня'],
    [4, 'дня'],
    [5, 'дней'],
    [11, 'дней'],
    [12, 'дней'],
    [14, 'дней'],
    [21, 'день'],
    [22, 'дня'],
    [25, 'дней'],
    [101, 'день'],
    [111, 'дней'],
  ])('%i %s', (n, form) => expect(plural(n, DAYS)).toBe(form));

  it('writes terms', () => {
    expect(termText(30, 'days')).toBe('30 дней');
    expect(termText(22, 'weeks')).toBe('22 недели');
  });
});
