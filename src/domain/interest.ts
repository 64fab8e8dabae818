import { addDays, daysBetween, daysInYear, parseIsoDate, type IsoDate } from './calendar';
import type { LegalRuleSet } from './legal-rules';
import type { Kopecks, Rounding } from './money';
import { max, min, mulDivRound } from './money';

/** Basis points in one (100 % = 10 000 bp). */
export const BP_PER_UNIT = 10_000n;

/**
 * The rounding of interest to kopecks: toward zero, so that the interest charged never exceeds what the
 * contract rate gives on the exact amount. At the legal maximum rate that keeps both the rate and the PSK within
 * the law by construction, and the borrower never pays for a fraction of a kopeck.
 */
export const INTEREST_ROUNDING: Rounding = 'down';

/** Throws RangeError unless the daily rate is a whole number of basis points ≥ 0. */
export function assertDailyRateBp(dailyRateBp: number): void {
  if (!Number.isSafeInteger(dailyRateBp) || dailyRateBp < 0)
    throw new RangeError(`daily rate must be a whole number of basis points ≥ 0: ${dailyRateBp}`);
}

/** Simple interest by actual days: principal × dailyRateBp / 10 000 × days, rounded once. */
export function interestForDays(
  principal: Kopecks,
  dailyRateBp: number,
  days: number,
  rounding: Rounding = INTEREST_ROUNDING,
): Kopecks {
  assertDailyRateBp(dailyRateBp);
  if (!Number.isSafeInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number ≥ 0: ${days}`);
  return mulDivRound(principal, BigInt(dailyRateBp) * BigInt(days), BP_PER_UNIT, rounding);
}

/**
 * Simple interest from `from` to `to` ('YYYY-MM-DD', `to` not before `from`): interestForDays over the calendar
 * days between them, rounded down to kopecks. Throws RangeError when `to` is before `from`.
 */
export function interestBetween(
  principal: Kopecks,
  dailyRateBp: number,
  from: IsoDate,
  to: IsoDate,
): Kopecks {
  return interestForDays(principal, dailyRateBp, daysBetween(from, to));
}

/**
 * THE day count of every ANNUAL rate (the penalty of 20 % a year, 353-FZ art. 5 pt 21; any other rate stated per
 * year): actual/actual by calendar year. A day of year Y is 1/365 of the annual rate, or 1/366 when Y is a leap
 * year, so the days of any one calendar year never add up to more than the annual rate. The amount of one day is
 * `amount × percentYear / (100 × daysInYear(Y))`, rounded down to kopecks (a legal maximum is never exceeded by a
 * fraction of a kopeck); a period is the sum of its days. 1 000 000 kopecks at 20 %: 547 a day in 2027
 * (547.94…), 546 a day in 2028 (546.44…). Daily rates (bp a day) are per day and unaffected; the PSK keeps the
 * 365-day year of 353-FZ art. 6. Throws RangeError on a negative amount or percent.
 */
export function annualRateForDay(amount: Kopecks, percentYear: number, date: IsoDate): Kopecks {
  if (amount < 0n || !Number.isSafeInteger(percentYear) || percentYear < 0)
    throw new RangeError(`annual rate: amount and percent must be ≥ 0: ${amount}, ${percentYear}`);
  const days = BigInt(daysInYear(parseIsoDate(date).year));
  return mulDivRound(amount, BigInt(percentYear), 100n * days, 'down');
}

/**
 * The annual rate over the days after `from` up to and including `to` ('YYYY-MM-DD'): Σ annualRateForDay over
 * those days, computed per calendar year (days in year Y × the day amount of Y). 0 when `to` is not after `from`.
 */
export function annualRateBetween(amount: Kopecks, percentYear: number, from: IsoDate, to: IsoDate): Kopecks {
  let total = 0n;
  for (let start = from; start < to;) {
    const year = parseIsoDate(addDays(start, 1)).year;
    const yearEnd = `${String(year).padStart(4, '0')}-12-31`;
    const end = to < yearEnd ? to : yearEnd;
    total += annualRateForDay(amount, percentYear, end) * BigInt(daysBetween(start, end));
    start = end;
  }
  return total;
}

/**
 * The most that may ever accrue on a contract (interest + penalties + fees + paid services): principal × cap %
 * of the rule set in force on the contract date. Rounded down: a cap is a maximum, a fraction of a kopeck
 * above it is not allowed.
 */
export function accrualCap(
  principal: Kopecks,
  ruleSet: Pick<LegalRuleSet, 'totalCostCapPercentOfPrincipal'>,
): Kopecks {
  return mulDivRound(principal, BigInt(ruleSet.totalCostCapPercentOfPrincipal), 100n, 'down');
}

/**
 * What of `proposed` may still accrue when `alreadyAccrued` counts toward `cap`: never negative, never more
 * than proposed, never beyond the cap.
 */
export function capAccrual(alreadyAccrued: Kopecks, proposed: Kopecks, cap: Kopecks): Kopecks {
  if (proposed <= 0n) return 0n;
  return min(proposed, max(0n, cap - alreadyAccrued));
}
