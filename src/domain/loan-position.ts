import { accrualFor, interestFromTo, type Grace } from './accrual';
import { daysBetween, type IsoDate } from './calendar';
import type { Kopecks } from './money';
import type { Instalment } from './schedule';
import type { Debt } from './servicing';

/**
 * The position of one loan: what is owed, what will be owed on a date, the next payment and the status.
 * Pure rules on plain domain values (kopecks as bigint, dates as 'YYYY-MM-DD'); the servicing module maps its
 * rows to these types (servicing/loan-account.ts).
 */

/** The life of a loan: signed and waiting for the money, serviced (active / overdue), or finished. */
export type LoanStatus = 'awaiting_payout' | 'active' | 'overdue' | 'closed' | 'cancelled';

/**
 * The loan's ledger balances in kopecks, as the ledger keeps them: receivables positive, the overpayment and the
 * income accounts negative (credit balances).
 */
export type LoanBalances = {
  principal: Kopecks;
  principalOverdue: Kopecks;
  interest: Kopecks;
  interestOverdue: Kopecks;
  penalty: Kopecks;
  fees: Kopecks;
  overpayment: Kopecks;
  interestIncome: Kopecks;
  penaltyIncome: Kopecks;
};

/** All balances zero: a loan with nothing booked yet. */
export const ZERO_BALANCES: LoanBalances = {
  principal: 0n,
  principalOverdue: 0n,
  interest: 0n,
  interestOverdue: 0n,
  penalty: 0n,
  fees: 0n,
  overpayment: 0n,
  interestIncome: 0n,
  penaltyIncome: 0n,
};

/** The terms and accrual dates of a loan the position rules need (copied from the signed contract). */
export type LoanAccrualTerms = {
  status: LoanStatus;
  /** Interest rate in basis points a day. */
  dailyRateBp: number;
  /** Everything that may ever accrue (interest + penalties + fees), kopecks. */
  accrualCap: Kopecks;
  /** Penalty while interest accrues: percent a year. */
  penaltyPercentYear: number;
  /** Penalty once interest no longer accrues: basis points a day. */
  penaltyBpDay: number;
  /** The date interest counts from (moves when the principal changes); null before the payout. */
  interestBaseDate: IsoDate | null;
  /** Interest and penalty are booked up to and including this date; null before the payout. */
  accruedThrough: IsoDate | null;
};

/** A loan's position: its terms, balances and current schedule (instalments in order of `n`). */
export type LoanPosition = LoanAccrualTerms & {
  balances: LoanBalances;
  schedule: readonly Instalment[];
};

/** The next payment the borrower is asked for. */
export type NextPayment = {
  dueDate: IsoDate;
  /** Kopecks to pay by `dueDate` (never more than closes the loan today). */
  amount: Kopecks;
  /** Whole days from today to `dueDate`, 0 when it is today or past. */
  daysLeft: number;
  /** Something is overdue already. */
  overdue: boolean;
};

/** A loan is serviced (accrues, takes payments, has a next payment) while active or overdue. */
export const isServiced = (status: LoanStatus) => status === 'active' || status === 'overdue';

/** Everything accrued on the contract that counts toward the cap (interest and penalty income), kopecks. */
export const accruedOf = (b: LoanBalances): Kopecks => -(b.interestIncome + b.penaltyIncome);

/** What is overdue, kopecks: overdue principal and interest, penalty and fees. */
export const overdueOf = (b: LoanBalances): Kopecks =>
  b.principalOverdue + b.interestOverdue + b.penalty + b.fees;

/** The whole booked debt, kopecks (pending accrual not included; the overpayment not netted). */
export const totalDebt = (b: LoanBalances): Kopecks =>
  b.principal + b.principalOverdue + b.interest + b.interestOverdue + b.penalty + b.fees;

/** The debt by the buckets of the payment order (353-FZ art. 5 pt 20), as booked. */
export function debtOf(b: LoanBalances): Debt {
  return {
    overdueInterest: b.interestOverdue,
    overduePrincipal: b.principalOverdue,
    penalty: b.penalty,
    currentInterest: b.interest,
    currentPrincipal: b.principal,
    fees: b.fees,
  };
}

/** The due dates of a schedule that Civil Code art. 193 moved (domain/accrual.ts: no interest on those days). */
export function gracesOf(schedule: readonly Instalment[]): Grace[] {
  return schedule.flatMap((i) =>
    i.scheduledDate
      ? [{ from: i.scheduledDate, to: i.dueDate, remainingPrincipal: i.remainingPrincipal }]
      : [],
  );
}

/**
 * The interest and penalty of the days after the last accrual up to `date`, not yet booked (kopecks; the rule of
 * domain/accrual.ts, with the graces of the schedule when given). Nothing for a loan not serviced or not yet paid
 * out.
 */
export function pendingAccrual(
  loan: LoanAccrualTerms & { balances: LoanBalances; schedule?: readonly Instalment[] },
  date: IsoDate,
): { interest: Kopecks; penalty: Kopecks; days: number } {
  if (!loan.interestBaseDate || !loan.accruedThrough || !isServiced(loan.status))
    return { interest: 0n, penalty: 0n, days: 0 };
  const b = loan.balances;
  return accrualFor({
    principal: b.principal,
    principalOverdue: b.principalOverdue,
    dailyRateBp: loan.dailyRateBp,
    baseDate: loan.interestBaseDate,
    accruedThrough: loan.accruedThrough,
    through: date,
    accrued: accruedOf(b),
    cap: loan.accrualCap,
    penaltyPercentYear: loan.penaltyPercentYear,
    penaltyBpDay: loan.penaltyBpDay,
    graces: gracesOf(loan.schedule ?? []),
  });
}

/** What closes the loan on `date` (today or later), kopecks: the debt plus what accrues until then. */
export function payoffOn(
  loan: LoanAccrualTerms & { balances: LoanBalances; schedule?: readonly Instalment[] },
  date: IsoDate,
): Kopecks {
  const pending = pendingAccrual(loan, date);
  return totalDebt(loan.balances) + pending.interest + pending.penalty;
}

/**
 * The next payment: the first due date from today on (the last one when all are past), and what to pay by it —
 * everything overdue, plus the current interest accruing until then, plus the principal above what the schedule
 * lets remain after it; never more than the payoff today. Null when the loan is not serviced or has no schedule.
 */
export function nextPaymentOf(position: LoanPosition, today: IsoDate): NextPayment | null {
  if (!isServiced(position.status)) return null;
  const { schedule, balances: b } = position;
  const next = schedule.find((i) => i.dueDate >= today) ?? schedule[schedule.length - 1];
  if (!next) return null;
  const overdue = overdueOf(b);
  // The interest of an instalment runs to its scheduled date; when art. 193 moved the due date, what accrues after
  // the scheduled date (on the principal that remains) is the next period's, not this payment's.
  const scheduled = next.scheduledDate ?? next.dueDate;
  const through = scheduled >= today ? scheduled : today;
  const pending = pendingAccrual(position, through);
  const due =
    b.principal +
    b.interest +
    pending.interest -
    interestOfNextPeriod(position, next, through) -
    next.remainingPrincipal;
  // Paying today never takes more than closes the loan today (the projection runs to the due date).
  const projected = overdue + pending.penalty + (due > 0n ? due : 0n);
  const payoff = payoffOn(position, today);
  return {
    dueDate: next.dueDate,
    amount: projected < payoff ? projected : payoff,
    daysLeft: Math.max(0, daysBetween(today, next.dueDate)),
    overdue: overdue > 0n,
  };
}

/**
 * The interest accrued after `instalment`'s scheduled date up to `through` (at most its moved due date) on the
 * principal that remains after it: the next period's interest during an art. 193 grace; 0 when not moved.
 * The close computes the same in SQL when it moves an instalment's interest to overdue (accrual-repository.ts).
 */
export function interestOfNextPeriod(
  position: LoanPosition,
  instalment: Instalment,
  through: IsoDate,
): Kopecks {
  const base = position.interestBaseDate;
  if (!instalment.scheduledDate || !base) return 0n;
  const from = instalment.scheduledDate > base ? instalment.scheduledDate : base;
  const to = through < instalment.dueDate ? through : instalment.dueDate;
  return interestFromTo(
    {
      principal: position.balances.principal,
      principalOverdue: position.balances.principalOverdue,
      dailyRateBp: position.dailyRateBp,
      baseDate: base,
      graces: gracesOf(position.schedule),
    },
    from,
    to,
  );
}

/**
 * The status after a payment was booked (`after`: the balances with it): a serviced loan with no debt left is
 * closed, one with nothing overdue left is active; otherwise (still overdue, or not serviced) it stays as it was.
 */
export function statusAfterPayment(status: LoanStatus, after: LoanBalances): LoanStatus {
  if (!isServiced(status)) return status;
  if (totalDebt(after) === 0n) return 'closed';
  if (after.principalOverdue + after.interestOverdue === 0n) return 'active';
  return status;
}

/** The status after the close of a business date: overdue while overdue principal or interest is owed. */
export function statusAfterClose(
  after: Pick<LoanBalances, 'principalOverdue' | 'interestOverdue'>,
): LoanStatus {
  return after.principalOverdue + after.interestOverdue > 0n ? 'overdue' : 'active';
}
