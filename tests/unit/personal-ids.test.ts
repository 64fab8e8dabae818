import { describe, expect, it } from 'vitest';
import {
  formatSnils,
  isValidPersonalInn,
  isValidSnils,
  normalizeSnils,
  snilsCheckNumber,
} from '../../src/domain/personal-ids';

describe('СНИЛС', () => {
  it.each([
    ['112-233-445 95', true, 'sum 95 < 100: the sum itself'],
    ['11223344595', true, 'without separators'],
    ['112-233-445 96', false, 'a wrong check number'],
    ['112-233-445 9', false, 'ten digits'],
    ['112-233-44a 95', false, 'a letter'],
    ['001-001-998 00', true, 'issued before check numbers'],
    ['087-654-303 00', true, 'sum 202 → 202 mod 101 = 0 → 00'],
    ['123-456-789 64', true, 'sum 165 → 165 mod 101 = 64'],
    ['123-456-789 65', false, 'one off'],
  ])('%s → %s (%s)', (input, valid) => {
    expect(isValidSnils(input)).toBe(valid);
  });

  it.each([
    ['112233445', '95'],
    ['087654303', '00'],
    ['123456789', '64'],
  ])('the check number of %s is %s', (first9, check) => {
    expect(snilsCheckNumber(first9)).toBe(check);
  });

  it('formats', () => {
    expect(formatSnils(normalizeSnils('11223344595')!)).toBe('112-233-445 95');
  });
});

describe('ИНН физического лица', () => {
  it.each([
    ['500100732259', true, 'a valid 12-digit INN'],
    ['7707 0834 9381', false, 'wrong check digits'],
    ['500100732258', false, 'the 12th digit off'],
    ['500100732249', false, 'the 11th digit off'],
    ['7707083893', false, 'a company’s 10-digit INN'],
    ['50010073225a', false, 'a letter'],
  ])('%s → %s (%s)', (input, valid) => {
    expect(isValidPersonalInn(input)).toBe(valid);
  });
});
