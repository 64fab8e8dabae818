/**
 * Checksums of the Russian personal identifiers a borrower may give: СНИЛС (the insurance number of the individual
 * personal account, Pension Fund rules: 11 digits, the last two a check number) and ИНН of an individual (12 digits,
 * two check digits, Federal Tax Service order ММВ-7-6/435@ method). Pure functions: digits in, verdict out.
 */

const digitsOf = (s: string) => s.replace(/[\s-]/g, '');

/** СНИЛС without separators («11223344595»), or null when it is not 11 digits. */
export function normalizeSnils(input: string): string | null {
  const d = digitsOf(input);
  return /^\d{11}$/.test(d) ? d : null;
}

/**
 * The check number of a СНИЛС from its first 9 digits: Σ digit × weight (weights 9…1 from the left); below 100
 * it is the sum, 100 and 101 give 00, above that the sum mod 101 (a remainder of 100 gives 00).
 */
export function snilsCheckNumber(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (9 - i);
  const check = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : (sum % 101) % 100;
  return String(check).padStart(2, '0');
}

/**
 * Whether a СНИЛС is valid: 11 digits whose last two are the check number. Numbers up to 001-001-998 were issued
 * before check numbers and are accepted as they are.
 */
export function isValidSnils(input: string): boolean {
  const d = normalizeSnils(input);
  if (!d) return false;
  if (Number(d.slice(0, 9)) <= 1_001_998) return true;
  return snilsCheckNumber(d.slice(0, 9)) === d.slice(9);
}

/** «112-233-445 95». */
export const formatSnils = (d: string) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;

const INN11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const innCheck = (digits: string, weights: number[]) =>
  (weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11) % 10;

/** ИНН of an individual without spaces, or null when it is not 12 digits. */
export function normalizePersonalInn(input: string): string | null {
  const d = digitsOf(input);
  return /^\d{12}$/.test(d) ? d : null;
}

/**
 * Whether a 12-digit ИНН of an individual is valid: the 11th digit is (Σ d × [7,2,4,10,3,5,9,4,6,8]) mod 11 mod 10
 * over the first ten, the 12th the same with [3,7,2,4,10,3,5,9,4,6,8] over the first eleven.
 */
export function isValidPersonalInn(input: string): boolean {
  const d = normalizePersonalInn(input);
  if (!d) return false;
  return innCheck(d, INN11) === Number(d[10]) && innCheck(d, INN12) === Number(d[11]);
}
