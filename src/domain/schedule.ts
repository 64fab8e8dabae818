import type { IsoDate } from './calendar';
import { addDays } from './calendar';
import { nextWorkingDay, RUSSIAN_CALENDAR, type ProductionCalendar } from './production-calendar';
import { assertDailyRateBp, BP_PER_UNIT, capAccrual, INTEREST_ROUNDING, interestForDays } from './interest';
import type { Kopecks, Rounding } from './money';
import { max, min, mulDivRound, sum } from './money';

/** Instalment loans: one payment every two weeks. */
export const INSTALMENT_PERIOD_DAYS = 14;

/**
 * The rounding of the equal payment of an instalment loan: to the nearest kopeck. It only chooses the size of
 * the equal payments; nothing is lost, because the last payment takes whatever principal remains.
 */
export const PAYMENT_ROUNDING: Rounding = 'half-up';

export type Instalment = {
  /** 1-based. */
  n: number;
  /** The day the payment is due: the scheduled date, moved to the next working day when it is not one. */
  dueDate: IsoDate;
  /**
   * The scheduled date when Civil Code art. 193 moved it to a later `dueDate` (absent or null when not moved).
   * The days after it up to `dueDate` bear no interest on the principal this payment repays (domain/accrual.ts).
   */
  scheduledDate?: IsoDate | null;
  principal: Kopecks;
  interest: Kopecks;
  total: Kopecks;
  /** Principal still owed after this payment. */
  remainingPrincipal: Kopecks;
};

export type Schedule = {
  kind: 'payday' | 'instalment';
  principal: Kopecks;
  startDate: IsoDate;
  dailyRateBp: number;
  instalments: readonly Instalment[];
  /** The equal payment of an instalment loan (all but the last payment, and all of them unless capped). */
  regularPayment: Kopecks;
  totalInterest: Kopecks;
  totalToRepay: Kopecks;
  /** The interest the rate alone would give, before the total-cost cap. */
  uncappedInterest: Kopecks;
  /** True when the total-cost cap cut the interest. */
  capApplied: boolean;
};

export type ScheduleOptions = {
  /** Everything that may accrue on the contract (`accrualCap`), or null for no cap. */
  accrualCap: Kopecks | null;
  interestRounding?: Rounding;
  /** The production calendar that moves due dates off non-working days; the official one by default. */
  calendar?: ProductionCalendar;
};

/**
 * The due date of a payment scheduled on `date` (Civil Code art. 193): the next working day when `date` is not one.
 * The interest and the amount stay those of the scheduled date; `scheduledDate` records the move.
 */
export function dueDateOf(
  date: IsoDate,
  calendar: ProductionCalendar = RUSSIAN_CALENDAR,
): Pick<Instalment, 'dueDate' | 'scheduledDate'> {
  const dueDate = nextWorkingDay(calendar, date);
  return dueDate === date ? { dueDate } : { dueDate, scheduledDate: date };
}

/**
 * The payments of a schedule as the PSK counts them (353-FZ art. 6): each instalment's total on its SCHEDULED date,
 * not on the date Civil Code art. 193 moved it to, so a holiday never lowers the PSK checked against the caps.
 */
export function pskPaymentsOf(instalments: readonly Instalment[]): { date: IsoDate; amount: Kopecks }[] {
  return instalments.map((i) => ({ date: i.scheduledDate ?? i.dueDate, amount: i.total }));
}

function assertPrincipal(principal: Kopecks): void {
  if (principal <= 0n) throw new RangeError(`principal must be positive: ${principal}`);
}

function finish(
  base: Pick<Schedule, 'kind' | 'principal' | 'startDate' | 'dailyRateBp' | 'regularPayment'>,
  instalments: Instalment[],
  uncappedInterest: Kopecks,
): Schedule {
  const totalInterest = sum(instalments.map((i) => i.interest));
  return {
    ...base,
    instalments,
    totalInterest,
    totalToRepay: base.principal + totalInterest,
    uncappedInterest,
    capApplied: totalInterest < uncappedInterest,
  };
}

/**
 * (a) Payday loan: one payment of principal + interest for `termDays` days at the daily rate, scheduled on
 * `startDate + termDays` and due then, or on the next working day when that is a non-working day (Civil Code
 * art. 193, `dueDateOf`; the amount stays that of `termDays`). The interest is cut to the accrual cap if it would
 * exceed it.
 */
export function paydaySchedule(
  input: { principal: Kopecks; dailyRateBp: number; termDays: number; startDate: IsoDate } & ScheduleOptions,
): Schedule {
  const { principal, dailyRateBp, termDays, startDate, accrualCap } = input;
  assertPrincipal(principal);
  if (!Number.isSafeInteger(termDays) || termDays < 1)
    throw new RangeError(`termDays must be ≥ 1: ${termDays}`);
  const uncapped = interestForDays(
    principal,
    dailyRateBp,
    termDays,
    input.interestRounding ?? INTEREST_ROUNDING,
  );
  const interest = accrualCap === null ? uncapped : capAccrual(0n, uncapped, accrualCap);
  const instalment: Instalment = {
    n: 1,
    ...dueDateOf(addDays(startDate, termDays), input.calendar),
    principal,
    interest,
    total: principal + interest,
    remainingPrincipal: 0n,
  };
  return finish(
    { kind: 'payday', principal, startDate, dailyRateBp, regularPayment: instalment.total },
    [instalment],
    uncapped,
  );
}

/**
 * The equal (annuity) payment for `payments` periods of `periodDays` days at `dailyRateBp` a day, compounding
 * per period, computed exactly in rationals and rounded once:
 * with j = periodDays × rate, A = P × j × (1 + j)^n / ((1 + j)^n − 1); at 0 %, A = P / n.
 */
export function equalPayment(
  principal: Kopecks,
  dailyRateBp: number,
  payments: number,
  periodDays = INSTALMENT_PERIOD_DAYS,
  rounding: Rounding = PAYMENT_ROUNDING,
): Kopecks {
  assertDailyRateBp(dailyRateBp);
  if (!Number.isSafeInteger(payments) || payments < 1)
    throw new RangeError(`payments must be ≥ 1: ${payments}`);
  const jNum = BigInt(dailyRateBp) * BigInt(periodDays); // j = jNum / BP_PER_UNIT
  if (jNum === 0n) return mulDivRound(principal, 1n, BigInt(payments), rounding);
  const n = BigInt(payments);
  const growth = (BP_PER_UNIT + jNum) ** n; // (1 + j)^n × BP_PER_UNIT^n
  const unit = BP_PER_UNIT ** n;
  return mulDivRound(principal, jNum * growth, BP_PER_UNIT * (growth - unit), rounding);
}

/**
 * (b) Instalment loan: `termWeeks / 2` payments, one scheduled every 14 days from `startDate` (each due on the next
 * working day when its date is not one, Civil Code art. 193; the periods and amounts keep the scheduled dates).
 * `termWeeks` must be even
 * (products are 8–52 weeks in steps of two; an odd number of weeks would leave a one-week stub period, which no
 * product offers, so it is refused rather than guessed).
 *
 * Interest accrues daily on the outstanding principal at the daily rate; the principal is constant within a
 * period, so a period's interest is outstanding × rate × 14 days, rounded once per period with
 * `interestRounding` (a daily ledger should accrue the cumulative amount floor(O × rate × d) and post the
 * differences, which then add up to the same figure). Every payment is the same `equalPayment` (rounded to
 * whole kopecks) except the last, which repays whatever principal remains: principal parts sum EXACTLY to the
 * principal. (For a principal of a few kopecks per payment, the rounded payment can repay everything early:
 * the remaining instalments then carry a zero principal. Sums stay exact.)
 *
 * Total-cost cap: interest accrues in date order and, once the running total reaches `accrualCap`, nothing
 * more accrues (the law's "once the cap is reached, nothing more accrues"): the instalment where the cap is
 * reached carries only the remaining headroom and later instalments carry no interest. The repayment of
 * principal is kept as in the uncapped schedule, so the payments after the cap point shrink to their principal
 * part. Then Σ interest = min(uncapped interest, cap).
 */
export function instalmentSchedule(
  input: {
    principal: Kopecks;
    dailyRateBp: number;
    termWeeks: number;
    startDate: IsoDate;
  } & ScheduleOptions & {
      paymentRounding?: Rounding;
    },
): Schedule {
  const { principal, dailyRateBp, termWeeks, startDate, accrualCap } = input;
  assertPrincipal(principal);
  if (!Number.isSafeInteger(termWeeks) || termWeeks < 2 || termWeeks % 2 !== 0)
    throw new RangeError(`termWeeks must be an even number ≥ 2: ${termWeeks}`);
  const count = termWeeks / 2;
  const interestRounding = input.interestRounding ?? INTEREST_ROUNDING;
  const payment = equalPayment(
    principal,
    dailyRateBp,
    count,
    INSTALMENT_PERIOD_DAYS,
    input.paymentRounding ?? PAYMENT_ROUNDING,
  );

  const instalments: Instalment[] = [];
  let outstanding = principal;
  let accrued = 0n;
  let uncappedInterest = 0n;
  for (let n = 1; n <= count; n++) {
    const rateInterest = interestForDays(outstanding, dailyRateBp, INSTALMENT_PERIOD_DAYS, interestRounding);
    uncappedInterest += rateInterest;
    const interest = accrualCap === null ? rateInterest : capAccrual(accrued, rateInterest, accrualCap);
    accrued += interest;
    const principalPart = n === count ? outstanding : min(outstanding, max(0n, payment - rateInterest));
    outstanding -= principalPart;
    instalments.push({
      n,
      ...dueDateOf(addDays(startDate, n * INSTALMENT_PERIOD_DAYS), input.calendar),
      principal: principalPart,
      interest,
      total: principalPart + interest,
      remainingPrincipal: outstanding,
    });
  }
  return finish(
    { kind: 'instalment', principal, startDate, dailyRateBp, regularPayment: payment },
    instalments,
    uncappedInterest,
  );
}
