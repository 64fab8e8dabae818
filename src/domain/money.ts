/**
 * Money: an integer number of kopecks as a `bigint`. Never a float, never an epsilon. Every computation that
 * can produce a fraction of a kopeck goes through `mulDivRound` with a named rounding rule, once.
 */
export type Kopecks = bigint;

/**
 * Named rounding rules (the names of Java's `RoundingMode`, which is where accountants meet them):
 * - `half-up`: to the nearest kopeck, a half away from zero (0.5 → 1, -0.5 → -1), the commercial rule;
 * - `down`: toward zero (truncation), never more than the exact value in magnitude;
 * - `up`: away from zero, never less than the exact value in magnitude.
 */
export type Rounding = 'half-up' | 'down' | 'up';

export class MoneyFormatError extends Error {
  override readonly name = 'MoneyFormatError';
}

const NBSP = '\u00a0';

/** Kopecks of a ruble amount written in decimal: `rub('12500.5')` = 1_250_050n. More than 2 decimals throw. */
export function rub(amount: number | string): Kopecks {
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) throw new MoneyFormatError(`not a ruble amount: ${amount}`);
    // String(n) is the shortest decimal that reads back as n: 0.1 + 0.2 gives 0.30000000000000004 and is refused.
    text = String(amount);
  } else {
    text = amount.trim();
  }
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match)
    throw new MoneyFormatError(`not a ruble amount with at most 2 decimals: ${JSON.stringify(text)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const kopecks = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -kopecks : kopecks;
}

/**
 * Russian display format: groups of three separated by a non-breaking space, a comma before the kopecks, a
 * non-breaking space before the sign: `12 500,50 ₽`; whole rubles without decimals: `12 500 ₽`; `-1 000 ₽`.
 */
export function formatRub(k: Kopecks): string {
  const negative = k < 0n;
  const abs = negative ? -k : k;
  const rubles = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const kopecks = abs % 100n;
  const body = kopecks === 0n ? rubles : `${rubles},${kopecks.toString().padStart(2, '0')}`;
  return `${negative ? '-' : ''}${body}${NBSP}₽`;
}

/** The wire format: a decimal string of kopecks, canonical (no sign `+`, no leading zeros, no `-0`). */
export function parseKopecks(s: string): Kopecks {
  if (!/^(0|-?[1-9]\d*)$/.test(s)) throw new MoneyFormatError(`not a kopeck amount: ${JSON.stringify(s)}`);
  return BigInt(s);
}

export function toWire(k: Kopecks): string {
  return k.toString();
}

export function sum(values: Iterable<Kopecks>): Kopecks {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

export function min(first: Kopecks, ...rest: Kopecks[]): Kopecks {
  return rest.reduce((m, v) => (v < m ? v : m), first);
}

export function max(first: Kopecks, ...rest: Kopecks[]): Kopecks {
  return rest.reduce((m, v) => (v > m ? v : m), first);
}

/** `a × num / den`, computed exactly and rounded once with `rule`. All rate math goes through here. */
export function mulDivRound(a: bigint, num: bigint, den: bigint, rule: Rounding): bigint {
  if (den === 0n) throw new RangeError('mulDivRound: division by zero');
  let n = a * num;
  let d = den;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const negative = n < 0n;
  const absN = negative ? -n : n;
  let q = absN / d; // toward zero
  const r = absN % d;
  if (r !== 0n) {
    if (rule === 'up' || (rule === 'half-up' && 2n * r >= d)) q += 1n;
  }
  return negative ? -q : q;
}

/**
 * Splits `total` into `parts` amounts that sum exactly to `total` and differ by at most one kopeck: every
 * part gets `total / parts` (toward zero), and the remainder is spread one kopeck each over the LAST parts,
 * so that the parts never decrease (the same convention as schedules, where the end absorbs the rounding).
 * A negative total splits the same way with every sign reversed.
 */
export function splitEvenly(total: Kopecks, parts: number): Kopecks[] {
  if (!Number.isSafeInteger(parts) || parts < 1)
    throw new RangeError(`splitEvenly: parts must be ≥ 1: ${parts}`);
  const n = BigInt(parts);
  const base = total / n;
  const remainder = total % n; // same sign as total
  const extra = remainder < 0n ? -1n : 1n;
  const firstWithExtra = parts - Number(remainder < 0n ? -remainder : remainder);
  return Array.from({ length: parts }, (_, i) => (i >= firstWithExtra ? base + extra : base));
}
