import type { IsoDate } from './calendar';
import { daysBetween } from './calendar';
import type { Kopecks } from './money';
import { sum } from './money';

/**
 * PSK (полная стоимость кредита), 353-FZ art. 6, as in domain-rules.md §2:
 *
 *   PSK = i × ЧБП × 100, ЧБП = 365 / БП,
 *   i = the smallest positive root of Σ ДП_k / ((1 + e_k·i)(1 + i)^q_k) = 0,
 *
 * where q_k is the number of whole base periods from the disbursement to flow k and e_k the remaining fraction
 * of a base period. The root is located with IEEE doubles (Newton inside a bisection bracket, deterministic) and the 3rd
 * decimal is then
 * decided EXACTLY: the sum is evaluated in rationals (bigint) at the rounding boundaries next to the candidate,
 * so a value that sits on a boundary (292.000 at 0.8 % a day) can never come out as 291.999 by float noise.
 */

export type PskRounding = 'half-up' | 'truncate';

/** The published reference code truncates; the law says "with 3 decimals" [verify]. Default: half up. */
export const DEFAULT_PSK_ROUNDING: PskRounding = 'half-up';

export const DAYS_IN_YEAR = 365;

/** How close (in thousandths of a percent) the float estimate may come to a rounding boundary and still decide. */
const FLOAT_MARGIN = 1e-3;

export type Payment = { date: IsoDate; amount: Kopecks };

/**
 * The cash flows of one loan for the PSK: the principal paid out on `disbursementDate` and the included
 * payments (principal, interest, fees, third-party payments the loan depends on; never penalties), each ≥ 0 and
 * on or after the disbursement date.
 */
export type PskCashFlows = { disbursementDate: IsoDate; principal: Kopecks; payments: readonly Payment[] };

export type Psk = {
  /** Percent per year with exactly 3 decimals: '292.000'. */
  percent: string;
  /** The same in thousandths of a percent: 292000n. */
  thousandths: bigint;
  /** PSK in rubles: all included payments minus the principal. */
  rub: Kopecks;
  basePeriodDays: number;
  /** i, the rate per base period (informative, a double). */
  periodRate: number;
};

export class PskError extends Error {
  override readonly name = 'PskError';
}

/**
 * The base period in days from the intervals between consecutive payment dates: the most frequent interval;
 * if no single interval is the most frequent (none repeats, or several tie), the interval closest to the mean
 * of all intervals, the shorter one on a tie. A single-payment loan has one interval: the whole term.
 */
export function basePeriodDays(intervals: readonly number[]): number {
  if (intervals.length === 0) throw new PskError('no interval between payments');
  const counts = new Map<number, number>();
  for (const d of intervals) {
    if (!Number.isSafeInteger(d) || d < 1) throw new PskError(`bad interval: ${d}`);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const top = Math.max(...counts.values());
  const mostFrequent = [...counts].filter(([, c]) => c === top).map(([d]) => d);
  if (top > 1 && mostFrequent.length === 1) return mostFrequent[0] as number;
  // Closest to the mean S/m: compare |d·m − S| in integers.
  const m = intervals.length;
  const s = intervals.reduce((a, b) => a + b, 0);
  let best = Infinity;
  let bestDistance = Infinity;
  for (const d of counts.keys()) {
    const distance = Math.abs(d * m - s);
    if (distance < bestDistance || (distance === bestDistance && d < best)) {
      best = d;
      bestDistance = distance;
    }
  }
  return best;
}

/** PSK in rubles: the included payments minus the principal. */
export function pskRub(flows: PskCashFlows): Kopecks {
  return sum(flows.payments.map((p) => p.amount)) - flows.principal;
}

/** One flow per distinct day offset, disbursement included (negative), in day order. */
type Flow = { days: number; amount: Kopecks };

type Prepared = {
  basePeriod: number;
  /** Flows grouped by day with q and the remainder r (e = r / basePeriod). */
  flows: { q: number; r: number; amount: Kopecks }[];
  /** The same as doubles, for the root finder. */
  floats: { q: number; e: number; amount: number }[];
};

function prepare(input: PskCashFlows): Prepared {
  if (input.principal <= 0n) throw new PskError('principal must be positive');
  const byDay = new Map<number, Kopecks>([[0, -input.principal]]);
  for (const p of input.payments) {
    if (p.amount < 0n) throw new PskError(`a payment cannot be negative: ${p.amount} on ${p.date}`);
    const days = daysBetween(input.disbursementDate, p.date);
    if (days < 0) throw new PskError(`a payment before the disbursement: ${p.date}`);
    byDay.set(days, (byDay.get(days) ?? 0n) + p.amount);
  }
  const flows: Flow[] = [...byDay]
    .map(([days, amount]) => ({ days, amount }))
    .sort((a, b) => a.days - b.days);
  const intervals: number[] = [];
  for (let k = 1; k < flows.length; k++)
    intervals.push((flows[k] as Flow).days - (flows[k - 1] as Flow).days);
  if (!flows.some((f) => f.days > 0 && f.amount > 0n))
    throw new PskError('no payment after the disbursement');
  const basePeriod = basePeriodDays(intervals);
  const exact = flows.map((f) => ({
    q: Math.floor(f.days / basePeriod),
    r: f.days % basePeriod,
    amount: f.amount,
  }));
  return {
    basePeriod,
    flows: exact,
    floats: exact.map((f) => ({ q: f.q, e: f.r / basePeriod, amount: Number(f.amount) })),
  };
}

/** Σ ДП_k / ((1 + e_k·i)(1 + i)^q_k) and its derivative in i, in doubles. */
function npvFloat(p: Prepared, i: number): [value: number, slope: number] {
  let value = 0;
  let slope = 0;
  for (const f of p.floats) {
    const linear = 1 + f.e * i;
    const term = f.amount / (linear * Math.pow(1 + i, f.q));
    value += term;
    slope -= term * (f.e / linear + f.q / (1 + i));
  }
  return [value, slope];
}

/**
 * The sign (-1, 0, 1) of the same sum, exactly, at i = a / b (a ≥ 0, b > 0). Every term is multiplied by the
 * positive number s^Q · Π(БП·b + r·a) (s = a + b, Q = max q, product over the distinct remainders r > 0), which
 * clears all denominators:
 *   T_k = ДП_k · b^q_k · s^(Q − q_k) · (r_k = 0 ? Π : БП·b · Π / (БП·b + r_k·a)).
 */
function npvSign(p: Prepared, a: bigint, b: bigint): number {
  const s = a + b;
  const bp = BigInt(p.basePeriod);
  const maxQ = Math.max(...p.flows.map((f) => f.q));
  const remainders = [...new Set(p.flows.map((f) => f.r).filter((r) => r > 0))];
  const factor = new Map(remainders.map((r) => [r, bp * b + BigInt(r) * a]));
  const productExcept = (skip: number | null): bigint => {
    let prod = 1n;
    for (const [r, v] of factor) if (r !== skip) prod *= v;
    return prod;
  };
  const all = productExcept(null);
  const powB: bigint[] = [1n];
  const powS: bigint[] = [1n];
  for (let k = 1; k <= maxQ; k++) {
    powB.push((powB[k - 1] as bigint) * b);
    powS.push((powS[k - 1] as bigint) * s);
  }
  let total = 0n;
  for (const f of p.flows) {
    const eFactor = f.r === 0 ? all : bp * b * productExcept(f.r);
    total += f.amount * (powB[f.q] as bigint) * (powS[maxQ - f.q] as bigint) * eFactor;
  }
  return total > 0n ? 1 : total < 0n ? -1 : 0;
}

/**
 * The root i as a double: Newton's method kept inside a bracket [lo, hi] where the sum is positive at lo and
 * negative at hi, bisecting whenever a Newton step would leave it (the sum decreases in i, so the root is
 * unique). Deterministic: the same flows give the same iterations. The estimate only has to land within a
 * thousandth of the PSK; the exact check in `psk` settles the last digit.
 */
function rootFloat(p: Prepared): number {
  let lo = 0;
  let hi = 1;
  while (npvFloat(p, hi)[0] > 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e9) throw new PskError('PSK out of range');
  }
  let i = (lo + hi) / 2;
  for (let k = 0; k < 200; k++) {
    const [value, slope] = npvFloat(p, i);
    if (value === 0) return i;
    if (value > 0) lo = i;
    else hi = i;
    let next = slope < 0 ? i - value / slope : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - i) <= 1e-15 * i || next === lo || next === hi) return next;
    i = next;
  }
  return i;
}

/**
 * i at a PSK of `halves`/2000 percent, exactly: PSK = i × 365/БП × 100 ⇒ i = PSK × БП / 36 500, so for a PSK in
 * half-thousandths h/2000: i = h × БП / 73 000 000.
 */
function signAtHalfThousandths(p: Prepared, halves: bigint): number {
  return npvSign(p, halves * BigInt(p.basePeriod), 2000n * 100n * BigInt(DAYS_IN_YEAR));
}

export function formatThousandths(t: bigint): string {
  const negative = t < 0n;
  const abs = negative ? -t : t;
  return `${negative ? '-' : ''}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`;
}

/** A percent written as a decimal string with at most 3 decimals ('292', '251.828') in thousandths. */
export function parsePercentThousandths(percent: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(percent);
  if (!match) throw new PskError(`not a percent with at most 3 decimals: ${JSON.stringify(percent)}`);
  return BigInt(match[1] as string) * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
}

/**
 * The PSK of a loan. The flows must cost the borrower something or nothing (Σ payments ≥ principal); a
 * loan repaid below its principal has no positive root and is refused.
 */
export function psk(flows: PskCashFlows, options: { rounding?: PskRounding } = {}): Psk {
  const rounding = options.rounding ?? DEFAULT_PSK_ROUNDING;
  const p = prepare(flows);
  const rub = pskRub(flows);
  if (rub < 0n) throw new PskError('the payments are less than the principal');
  const periodRate = rub === 0n ? 0 : rootFloat(p);
  const estimate = periodRate * (DAYS_IN_YEAR / p.basePeriod) * 100 * 1000;
  // The sum decreases in i, so for an exact PSK x (in thousandths):
  //   truncate: t = the largest t with x ≥ t       ⇔ sign at 2t        ≥ 0;
  //   half-up:  t = the smallest t with x < t + ½  ⇔ sign at 2t + 1    < 0.
  // The float root is good to ~1e-9 of a thousandth (27 terms, doubles): when the estimate is farther than
  // FLOAT_MARGIN from the rounding boundary, it decides alone. Otherwise (292.000 exactly, for one), start from
  // it and move until both exact conditions around t hold.
  const boundary = rounding === 'truncate' ? estimate : estimate + 0.5;
  let t = BigInt(Math.max(0, Math.floor(boundary)));
  const fraction = boundary - Math.floor(boundary);
  if (rub === 0n || (fraction > FLOAT_MARGIN && fraction < 1 - FLOAT_MARGIN)) {
    return { percent: formatThousandths(t), thousandths: t, rub, basePeriodDays: p.basePeriod, periodRate };
  }
  const holds = (c: bigint): boolean =>
    rounding === 'truncate'
      ? signAtHalfThousandths(p, 2n * c) >= 0
      : signAtHalfThousandths(p, 2n * c + 1n) < 0;
  // truncate: holds(t) and not holds(t + 1); half-up: holds(t) and not holds(t - 1).
  for (let guard = 0; ; guard++) {
    if (guard > 10_000) throw new PskError('PSK rounding did not settle');
    if (rounding === 'truncate') {
      if (!holds(t)) t -= 1n;
      else if (holds(t + 1n)) t += 1n;
      else break;
    } else {
      if (!holds(t)) t += 1n;
      else if (t > 0n && holds(t - 1n)) t -= 1n;
      else break;
    }
  }
  return { percent: formatThousandths(t), thousandths: t, rub, basePeriodDays: p.basePeriod, periodRate };
}

/** True when the exact PSK of `flows` is strictly above `percent` (a decimal string, ≤ 3 decimals). */
export function pskExceeds(flows: PskCashFlows, percent: string): boolean {
  const p = prepare(flows);
  if (pskRub(flows) <= 0n) return false;
  // x > limit ⇔ the sum is still positive at the limit.
  return signAtHalfThousandths(p, 2n * parsePercentThousandths(percent)) > 0;
}
