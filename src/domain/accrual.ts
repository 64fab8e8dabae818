import { daysBetween, type IsoDate } from './calendar';
import { BP_PER_UNIT, capAccrual } from './interest';
import type { Kopecks } from './money';
import { PENALTY_DAYS_IN_YEAR } from './servicing';

/**
 * The daily accrual of a loan (interest and penalty) for the days after `accruedThrough` up to `through`.
 * The nightly close computes exactly this in SQL for the whole portfolio (servicing/accrual-repository.ts); this
 * function is the reference for quotes and tests, and the two are compared on random loans in
 * tests/integration/accrual-twins.test.ts (and in the simulated-year test).
 *
 * Interest: floor(P × rate × days since `baseDate`) minus what accrued since it, so a period accrues exactly what
 * the schedule says however many nights it spans; P is all principal still owed (current + overdue).
 * Penalty: per day on the overdue principal, 20 % a year while interest accrues, 0.1 % a day when it does not
 * (rate 0), rounded down per day. Both stop at the cap: interest first, then penalty.
 */
export type AccrualInput = {
  principal: Kopecks;
  principalOverdue: Kopecks;
  dailyRateBp: number;
  baseDate: IsoDate;
  accruedThrough: IsoDate;
  through: IsoDate;
  /** Everything already accrued that counts toward the cap. */
  accrued: Kopecks;
  cap: Kopecks;
  penaltyPercentYear: number;
  penaltyBpDay: number;
};

/**
 * Interest and penalty (kopecks) accruing after `accruedThrough` up to `through`, and the number of days; all
 * zero when `through` is not after `accruedThrough`. See AccrualInput for the rule.
 */
export function accrualFor(input: AccrualInput): { interest: Kopecks; penalty: Kopecks; days: number } {
  const days = daysBetween(input.accruedThrough, input.through);
  if (days <= 0) return { interest: 0n, penalty: 0n, days: 0 };
  const base = input.principal + input.principalOverdue;
  const rate = BigInt(input.dailyRateBp);
  const upTo = (date: IsoDate) => (base * rate * BigInt(daysBetween(input.baseDate, date))) / BP_PER_UNIT;
  const rawInterest = upTo(input.through) - upTo(input.accruedThrough);
  const interest = capAccrual(input.accrued, rawInterest, input.cap);
  const perDay =
    input.dailyRateBp > 0
      ? (input.principalOverdue * BigInt(input.penaltyPercentYear)) / (100n * PENALTY_DAYS_IN_YEAR)
      : (input.principalOverdue * BigInt(input.penaltyBpDay)) / BP_PER_UNIT;
  const penalty = capAccrual(input.accrued + interest, perDay * BigInt(days), input.cap);
  return { interest, penalty, days };
}
