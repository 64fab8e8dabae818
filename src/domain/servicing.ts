import { addDays } from './calendar';
import type { IsoDate } from './calendar';
import { annualRateForDay, BP_PER_UNIT, capAccrual, interestForDays } from './interest';
import type { LegalRuleSet } from './legal-rules';
import type { Kopecks } from './money';
import { nextWorkingDay, RUSSIAN_CALENDAR, type ProductionCalendar } from './production-calendar';
import { min, mulDivRound } from './money';

/*
 * Servicing of a loan after payout (domain-rules.md §3): applying a payment to the debt, the daily penalty,
 * the early-payoff amount and the prolongation check. Pure functions, money in bigint kopecks.
 */

// ---------------------------------------------------------------------------------------------------------
// Payment allocation
// ---------------------------------------------------------------------------------------------------------

/** The parts of a debt a payment can be applied to. */
export type DebtBucket =
  'overdueInterest' | 'overduePrincipal' | 'penalty' | 'currentInterest' | 'currentPrincipal' | 'fees';

export type Debt = Record<DebtBucket, Kopecks>;

/**
 * 353-FZ art. 5 pt 20: overdue interest → overdue principal → penalty → current interest → current principal
 * → other payments (fees). A product may configure another order (pass it to `allocatePayment`).
 */
export const DEFAULT_ALLOCATION_ORDER: readonly DebtBucket[] = Object.freeze([
  'overdueInterest',
  'overduePrincipal',
  'penalty',
  'currentInterest',
  'currentPrincipal',
  'fees',
]);

const ALL_BUCKETS: readonly DebtBucket[] = DEFAULT_ALLOCATION_ORDER;

export type Allocation = {
  /** What the payment covers in each bucket (0 where nothing is applied); never more than the debt there. */
  applied: Record<DebtBucket, Kopecks>;
  /** The money beyond the whole debt. `sum(applied) + overpayment === amount`, always. */
  overpayment: Kopecks;
};

/**
 * Applies `amount` to the debt bucket by bucket in `order`: each bucket is paid in full before the next gets
 * anything. `order` must name every bucket exactly once (otherwise a bucket would silently never be paid);
 * negative amounts are refused with a `RangeError`.
 */
export function allocatePayment(
  amount: Kopecks,
  debt: Debt,
  order: readonly DebtBucket[] = DEFAULT_ALLOCATION_ORDER,
): Allocation {
  if (amount < 0n) throw new RangeError(`payment must be ≥ 0: ${amount}`);
  if (order.length !== ALL_BUCKETS.length || !ALL_BUCKETS.every((b) => order.includes(b)))
    throw new RangeError(`allocation order must name every bucket exactly once: ${order.join(', ')}`);
  const applied: Record<DebtBucket, Kopecks> = {
    overdueInterest: 0n,
    overduePrincipal: 0n,
    penalty: 0n,
    currentInterest: 0n,
    currentPrincipal: 0n,
    fees: 0n,
  };
  let left = amount;
  for (const bucket of order) {
    const owed = debt[bucket];
    if (owed < 0n) throw new RangeError(`debt ${bucket} must be ≥ 0: ${owed}`);
    const part = min(left, owed);
    applied[bucket] = part;
    left -= part;
  }
  return { applied, overpayment: left };
}

// ---------------------------------------------------------------------------------------------------------
// Penalty
// ---------------------------------------------------------------------------------------------------------

/**
 * The penalty for one day (`date`, 'YYYY-MM-DD') of overdue on `overdueAmount`, rounded down (a maximum is never
 * exceeded by a fraction of a kopeck), 353-FZ art. 5 pt 21:
 * - while interest still accrues on the overdue amount: `maxPenaltyPercentPerYearWithInterest` % a year, by the
 *   day count of annual rates (actual/actual by calendar year, `annualRateForDay`: /366 on a day of a leap year,
 *   /365 otherwise), so a calendar year of penalty never exceeds the annual percentage;
 * - when it no longer does: `maxPenaltyDailyBpWithoutInterest` bp a day.
 * The penalty counts toward the accrual cap: the caller passes it through `capAccrual` with everything else.
 * Throws RangeError on a negative amount.
 */
export function penaltyForDay(
  overdueAmount: Kopecks,
  ruleSet: Pick<LegalRuleSet, 'maxPenaltyPercentPerYearWithInterest' | 'maxPenaltyDailyBpWithoutInterest'>,
  interestStillAccrues: boolean,
  date: IsoDate,
): Kopecks {
  if (overdueAmount < 0n) throw new RangeError(`overdue amount must be ≥ 0: ${overdueAmount}`);
  return interestStillAccrues
    ? annualRateForDay(overdueAmount, ruleSet.maxPenaltyPercentPerYearWithInterest, date)
    : mulDivRound(overdueAmount, BigInt(ruleSet.maxPenaltyDailyBpWithoutInterest), BP_PER_UNIT, 'down');
}

// ---------------------------------------------------------------------------------------------------------
// Early payoff
// ---------------------------------------------------------------------------------------------------------

export type EarlyPayoffInput = {
  principalOutstanding: Kopecks;
  dailyRateBp: number;
  /** Days from payout (or the last interest date) to the payoff date that bear interest. */
  daysUsed: number;
  /** Interest of those days the borrower has already paid. */
  interestPaid: Kopecks;
  accruedUnpaidPenalty: Kopecks;
  /** The contract's accrual cap (`accrualCap`). */
  cap: Kopecks;
  /**
   * Everything accrued on the contract that counts toward the cap, NOT including the interest for `daysUsed`
   * computed here (earlier periods' interest, penalties, fees).
   */
  alreadyAccrued: Kopecks;
};

export type EarlyPayoffQuote = {
  principal: Kopecks;
  /** Interest for the days used, limited by the cap, minus the interest already paid (never below zero). */
  interest: Kopecks;
  penalty: Kopecks;
  /** What closes the loan on that date: principal + interest + penalty. */
  total: Kopecks;
};

/**
 * What the borrower pays to close the loan early (353-FZ: always allowed, never a fee). Interest is owed only
 * for the days actually used: `interestForDays(principal, rate, daysUsed)`, limited by the cap
 * (`capAccrual(alreadyAccrued, ·, cap)`), minus the interest already paid, not below zero.
 *
 * The 14-day rule (30 days for a targeted loan): within 14 days of payout the borrower may repay in full,
 * without notice, paying interest only for the days used. That is exactly what this computes on any day, so
 * the rule needs no branch here; the "without notice" part is the caller's business.
 */
export function earlyPayoffQuote(input: EarlyPayoffInput): EarlyPayoffQuote {
  const { principalOutstanding, dailyRateBp, daysUsed, interestPaid, accruedUnpaidPenalty, cap } = input;
  if (principalOutstanding < 0n || interestPaid < 0n || accruedUnpaidPenalty < 0n)
    throw new RangeError('early payoff: amounts must be ≥ 0');
  const interestForUse = interestForDays(principalOutstanding, dailyRateBp, daysUsed);
  const allowed = capAccrual(input.alreadyAccrued, interestForUse, cap);
  const interest = allowed > interestPaid ? allowed - interestPaid : 0n;
  return {
    principal: principalOutstanding,
    interest,
    penalty: accruedUnpaidPenalty,
    total: principalOutstanding + interest + accruedUnpaidPenalty,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Prolongation
// ---------------------------------------------------------------------------------------------------------

/** The extension a prolongation may give, in days (published terms of lenders, domain-rules.md §7). */
export const DEFAULT_PROLONGATION_DAYS: Readonly<{ min: number; max: number }> = Object.freeze({
  min: 7,
  max: 30,
});

export type ProlongationRefusal =
  | 'PROMOTIONAL_RATE'
  | 'TOO_MANY_PROLONGATIONS'
  | 'TERM_OUT_OF_RANGE'
  | 'OVERDUE_NOT_ALLOWED'
  | 'AFTER_DUE_DATE';

export type ProlongationInput = {
  dueDate: IsoDate;
  today: IsoDate;
  interestAccruedUnpaid: Kopecks;
  extendDays: number;
  prolongationsSoFar: number;
  ruleSet: Pick<LegalRuleSet, 'maxProlongations'>;
  /** The loan has overdue debt. */
  overdue: boolean;
  /** The product allows prolonging an overdue loan (also after the due date). */
  allowOverdue: boolean;
  /**
   * The loan bears a promotional rate (the first loan at 0 %) below the product's regular rate. The promo is
   * stated for the contract's term only, so such a loan is never prolonged.
   */
  promotionalRate: boolean;
  /** Allowed extension; defaults to 7–30 days. */
  extendDaysRange?: Readonly<{ min: number; max: number }>;
  /** The production calendar: the new due date is a working day; the official calendar by default. */
  calendar?: ProductionCalendar;
};

export type ProlongationQuote =
  { ok: true; payNow: Kopecks; newDueDate: IsoDate } | { ok: false; reason: ProlongationRefusal };

/**
 * Whether the loan may be prolonged by `extendDays`, and on what terms: the borrower pays the interest accrued
 * so far, the due date moves by `extendDays` (from the old due date), and on to the next working day when that
 * is not one: the addendum states a working day as its due date, with interest up to it (an agreed term, so no
 * art. 193 move is left for later). Checks, first failure wins:
 * 0. a loan at a promotional rate cannot be prolonged → `PROMOTIONAL_RATE` (a promo stated for up to 30 days
 *    must not become 180 days at 0 %; the borrower repays it, or takes a new loan at the regular rate);
 * 1. `extendDays` is a whole number within the range (7–30) → else `TERM_OUT_OF_RANGE`;
 * 2. fewer than `ruleSet.maxProlongations` so far → else `TOO_MANY_PROLONGATIONS`;
 * 3. unless the product allows overdue: today after the due date → `AFTER_DUE_DATE`; otherwise an overdue
 *    loan (e.g. a missed instalment) → `OVERDUE_NOT_ALLOWED`.
 */
export function prolongationQuote(input: ProlongationInput): ProlongationQuote {
  const range = input.extendDaysRange ?? DEFAULT_PROLONGATION_DAYS;
  const { extendDays } = input;
  if (input.promotionalRate) return { ok: false, reason: 'PROMOTIONAL_RATE' };
  if (!Number.isSafeInteger(extendDays) || extendDays < range.min || extendDays > range.max)
    return { ok: false, reason: 'TERM_OUT_OF_RANGE' };
  if (input.prolongationsSoFar >= input.ruleSet.maxProlongations)
    return { ok: false, reason: 'TOO_MANY_PROLONGATIONS' };
  if (!input.allowOverdue) {
    if (input.today > input.dueDate) return { ok: false, reason: 'AFTER_DUE_DATE' };
    if (input.overdue) return { ok: false, reason: 'OVERDUE_NOT_ALLOWED' };
  }
  const newDueDate = nextWorkingDay(input.calendar ?? RUSSIAN_CALENDAR, addDays(input.dueDate, extendDays));
  return { ok: true, payNow: input.interestAccruedUnpaid, newDueDate };
}
