import { daysBetween, type IsoDate } from './calendar';
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
