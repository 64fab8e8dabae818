import { describe, expect, it } from 'vitest';
import {
  cardNumberValid,
  luhnValid,
  normalizeCardNumber,
  paymentSystemOf,
  type PaymentSystem,
} from '../../src/domain/card';
import { CardNumberInvalidError, FakeCardTokenizer } from '../../src/server/adapters/payouts/card-tokenizer';

// Valid numbers: the Luhn check digit of each was computed for this table (none is a real card).
describe('luhnValid', () => {
  it.each([
    ['2200000000000004', true],
    ['2204000000000000', true],
    ['2202202020202028', true],
    ['4111111111111111', true],
    ['5555555555554444', true],
    ['6200000000000005', true],
    ['2200000000020002', true],
    ['0', true],
    ['18', true],
    ['2200000000000005', false],
    ['4111111111111112', false],
    ['2200000000000040', false], // two digits swapped
    ['', false],
    ['2200 0000 0000 0004', false], // digits only: normalize first
    ['22000000000000a4', false],
  ])('%j → %s', (digits, valid) => expect(luhnValid(digits)).toBe(valid));
});

describe('cardNumberValid', () => {
  it.each([
    ['2200 0000 0000 0004', true],
    ['2200-0000-0000-0004', true],
    ['  2200000000000004 ', true],
    ['2200000000000000004', true], // 19 digits
    ['6212345678901234569', true], // 19 digits
    ['220000000000000000004', false], // 21 digits, Luhn-valid
    ['3000000000000004', true],
    ['000000000000000', false], // 15 digits, Luhn-valid
    ['00000000000000000000', false], // 20 digits
    ['2200000000000005', false],
    ['2200 0000 0000 000', false],
    ['', false],
    ['2200.0000.0000.0004', false],
  ])('%j → %s', (input, valid) => expect(cardNumberValid(input)).toBe(valid));
});

describe('paymentSystemOf', () => {
  it.each<[string, PaymentSystem]>([
    ['2200000000000004', 'mir'],
    ['2204000000000000', 'mir'],
    ['2202 2020 2020 2028', 'mir'],
    ['2205000000000000', 'other'],
    ['2199000000000000', 'other'],
    ['4111111111111111', 'visa'],
    ['4', 'visa'],
    ['5105105105105100', 'mastercard'],
    ['5555555555554444', 'mastercard'],
    ['5000000000000000', 'other'],
    ['5600000000000000', 'other'],
    ['2221000000000009', 'mastercard'],
    ['2720999999999996', 'mastercard'],
    ['2220000000000000', 'other'],
    ['2721000000000000', 'other'],
    ['6200000000000005', 'unionpay'],
    ['6212345678901234569', 'unionpay'],
    ['6054610000000008', 'other'],
    ['3000000000000004', 'other'],
    ['22', 'other'], // not enough digits to tell
    ['', 'other'],
    ['abcd', 'other'],
  ])('%j → %s', (input, system) => expect(paymentSystemOf(input)).toBe(system));
});

describe('normalizeCardNumber', () => {
  it('drops spaces and hyphens only', () => {
    expect(normalizeCardNumber(' 2200 0000-0000\u00a00004 ')).toBe('2200000000000004');
    expect(normalizeCardNumber('2200.0000')).toBe('2200.0000');
  });
});

describe('FakeCardTokenizer', () => {
  it('returns an opaque token, the last 4 digits and the payment system; records no card number', async () => {
    const tokenizer = new FakeCardTokenizer();
    const card = await tokenizer.tokenize('2200 0000 0000 0004');
    expect(card).toEqual({ token: expect.any(String), last4: '0004', paymentSystem: 'mir' });
    expect(card.token).not.toContain('2200000000000004');
    const again = await tokenizer.tokenize('2200 0000 0000 0004');
    expect(again.token).not.toBe(card.token);
    expect(tokenizer.issued).toEqual([card, again]);
    expect(JSON.stringify(tokenizer.issued)).not.toContain('2200000000000004');
  });

  it.each([['2200 0000 0000 0005'], ['4111 1111 1111'], ['not a card']])(
    'refuses %j with «Проверьте номер карты»',
    async (input) => {
      const tokenizer = new FakeCardTokenizer();
      const error = await tokenizer.tokenize(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CardNumberInvalidError);
      expect(error).toMatchObject({ message: 'Проверьте номер карты', code: 'CARD_NUMBER_INVALID' });
      expect(tokenizer.issued).toEqual([]);
    },
  );
});
