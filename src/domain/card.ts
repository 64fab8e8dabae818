/**
 * Bank card numbers: pure checks shared by the web (validate before sending) and the server (the tokenizer).
 * We never store a card number: it goes to the tokenizer and only a token and the last four digits come back.
 */

export type PaymentSystem = 'mir' | 'visa' | 'mastercard' | 'unionpay' | 'other';

/** The lengths of a card number (PAN) we accept, in digits. */
export const CARD_NUMBER_LENGTH = { min: 16, max: 19 } as const;

/** The digits of a number as the borrower typed it: spaces and hyphens between groups are dropped. */
export function normalizeCardNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/**
 * The Luhn (mod 10) check of a string of digits: from the right, every second digit is doubled (minus 9 when
 * above 9) and the sum must be a multiple of 10. Anything but digits (or an empty string) is not valid.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let total = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
    double = !double;
  }
  return total % 10 === 0;
}

/** A card number we accept: 16–19 digits (after normalization) that pass the Luhn check. */
export function cardNumberValid(input: string): boolean {
  const digits = normalizeCardNumber(input);
  return (
    digits.length >= CARD_NUMBER_LENGTH.min && digits.length <= CARD_NUMBER_LENGTH.max && luhnValid(digits)
  );
}

/**
 * The payment system by the first digits (BIN ranges): МИР 2200–2204, Visa 4, Mastercard 51–55 and 2221–2720,
 * UnionPay 62. Works on a prefix too, so the form can show the logo while the number is being typed.
 */
export function paymentSystemOf(input: string): PaymentSystem {
  const digits = normalizeCardNumber(input);
  if (!/^\d+$/.test(digits)) return 'other';
  const two = digits.length >= 2 ? Number(digits.slice(0, 2)) : NaN;
  const four = digits.length >= 4 ? Number(digits.slice(0, 4)) : NaN;
  if (four >= 2200 && four <= 2204) return 'mir';
  if (digits.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 62) return 'unionpay';
  return 'other';
}
