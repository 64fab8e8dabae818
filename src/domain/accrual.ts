import { daysBetween, type IsoDate } from './calendar';
import { annualRateBetween, BP_PER_UNIT, capAccrual } from './interest';
import type { Kopecks } from './money';

/**
 * The daily accrual of a loan (interest and penalty) for the days after `accruedThrough` up to `through`.
 * The nightly close computes exactly this in SQL for the whole portfolio (servicing/accrual-repository.ts); this
 * function is the reference for quotes and tests, and the two are compared on random loans in
 * tests/integration/accrual-twins.test.ts (and in the simulated-year test).
 *
 * Interest: floor(rate × (P × days since `baseDate` − grace)) minus what accrued since it, so a period accrues
 * exactly what the schedule says however many nights it spans; P is all principal still owed (current + overdue).
 * Grace (Civil Code art. 193): when a due date was moved off a non-working day, the principal that payment
 * repays (P above the instalment's remaining principal) bears no interest on the days after the scheduled date up
 * to the moved due date, so a borrower paying on the moved date pays the scheduled amount and no extra interest.
 * Penalty: per day on the overdue principal, 20 % a year while interest accrues (actual/actual by calendar year,
 * interest.ts `annualRateForDay`: /366 on a day of a leap year), 0.1 % a day when it does not (rate 0), rounded
 * down per day. Both stop at the cap: interest first, then penalty.
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
  /** The moved due dates of the schedule (instalments with a `scheduledDate`); none by default. */
  graces?: readonly Grace[];
};

/** A due date moved by art. 193: scheduled on `from`, due on `to`; principal above `remainingPrincipal` rests. */
export type Grace = { from: IsoDate; to: IsoDate; remainingPrincipal: Kopecks };

/**
 * Principal-days that bear no interest after `base` up to `date` (kopeck-days): for each grace, the principal
 * above its remaining principal times the days of (from, to] that lie in (base, date].
 */
export function graceKopeckDays(
  principal: Kopecks,
  base: IsoDate,
  date: IsoDate,
  graces: readonly Grace[],
): bigint {
  let total = 0n;
  for (const g of graces) {
    const from = g.from > base ? g.from : base;
    const to = g.to < date ? g.to : date;
    const days = daysBetween(from, to);
    if (days > 0 && principal > g.remainingPrincipal)
      total += (principal - g.remainingPrincipal) * BigInt(days);
  }
  return total;
}

/**
 * The interest (kopecks, before the cap) of the days after `from` up to `to` on the loan's principal, as the
 * difference of the cumulative floor(rate × (P × days since the base date − grace)); 0 when `to` is not after `from`.
 */
export function interestFromTo(
  input: Pick<AccrualInput, 'principal' | 'principalOverdue' | 'dailyRateBp' | 'baseDate' | 'graces'>,
  from: IsoDate,
  to: IsoDate,
): Kopecks {
  if (to <= from) return 0n;
  const base = input.principal + input.principalOverdue;
  const rate = BigInt(input.dailyRateBp);
  const graces = input.graces ?? [];
  const upTo = (date: IsoDate) =>
    (rate *
      (base * BigInt(daysBetween(input.baseDate, date)) -
        graceKopeckDays(base, input.baseDate, date, graces))) /
    BP_PER_UNIT;
  return upTo(to) - upTo(from);
}

/**
 * Interest and penalty (kopecks) accruing after `accruedThrough` up to `through`, and the number of days; all
 * zero when `through` is not after `accruedThrough`. See AccrualInput for the rule.
 */
export function accrualFor(input: AccrualInput): { interest: Kopecks; penalty: Kopecks; days: number } {
  const days = daysBetween(input.accruedThrough, input.through);
  if (days <= 0) return { interest: 0n, penalty: 0n, days: 0 };
  const rawInterest = interestFromTo(input, input.accruedThrough, input.through);
  const interest = capAccrual(input.accrued, rawInterest, input.cap);
  const uncapped =
    input.dailyRateBp > 0
      ? annualRateBetween(
          input.principalOverdue,
          input.penaltyPercentYear,
          input.accruedThrough,
          input.through,
        )
      : ((input.principalOverdue * BigInt(input.penaltyBpDay)) / BP_PER_UNIT) * BigInt(days);
  const penalty = capAccrual(input.accrued + interest, uncapped, input.cap);
  return { interest, penalty, days };
}
