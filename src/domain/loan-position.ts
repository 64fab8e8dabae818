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

/** The last due date of the schedule, or null for a loan without one. */
const maturityOf = (schedule: readonly Instalment[]): IsoDate | null =>
  schedule[schedule.length - 1]?.dueDate ?? null;

/**
 * The balances on `date` (today or later) with the accrual not yet booked included, the way the nightly close
 * will book it (interest after the last due date is overdue at once; accrual/SQL twin): what the borrower owes
 * that day. Its `totalDebt` is exactly `payoffOn(position, date)`, so «Задолженность на сегодня» and «Погасить
 * полностью» are one figure.
 */
export function balancesOn(position: LoanPosition, date: IsoDate): LoanBalances {
  const pending = pendingAccrual(position, date);
  const b = position.balances;
  const maturity = maturityOf(position.schedule);
  const matured = maturity !== null && date > maturity;
  return {
    ...b,
    interest: matured ? b.interest : b.interest + pending.interest,
    interestOverdue: matured ? b.interestOverdue + pending.interest : b.interestOverdue,
    penalty: b.penalty + pending.penalty,
    interestIncome: b.interestIncome - pending.interest,
    penaltyIncome: b.penaltyIncome - pending.penalty,
  };
}

/**
 * What an instalment will demand on its due date, kopecks: the current interest accruing until then plus the
 * current principal, above what the schedule lets remain after it — exactly what the close of that date moves to
 * overdue when unpaid (servicing/accrual-repository.ts: interest first, then principal). Overdue debt is not in
 * it; zero when what was paid already covers the instalment.
 */
function demandOf(position: LoanPosition, row: Instalment, today: IsoDate): Instalment {
  const b = position.balances;
  // The interest of an instalment runs to its scheduled date; when art. 193 moved the due date, what accrues after
  // the scheduled date (on the principal that remains) is the next period's, not this payment's.
  const scheduled = row.scheduledDate ?? row.dueDate;
  const through = scheduled >= today ? scheduled : today;
  const interestThen =
    b.interest + pendingAccrual(position, through).interest - interestOfNextPeriod(position, row, through);
  const due = interestThen + b.principal - row.remainingPrincipal;
  const total = due > 0n ? due : 0n;
  const interest = total < interestThen ? total : interestThen;
  return { ...row, principal: total - interest, interest, total };
}

/** How an instalment stands: paid, partly paid ahead of its date, overdue, or still to come. */
export type InstalmentStatus = 'paid' | 'partly_paid' | 'overdue' | 'upcoming';

/** An instalment of the position: the contract's row, or what is still to pay for the next one; and its status. */
export type PositionInstalment = Instalment & { status: InstalmentStatus };

/**
 * The schedule as it stands on `today`, one truth with the ledger. With P the principal still owed (current +
 * overdue):
 * - a row is paid when P is not above what it lets remain and nothing of it is demanded (a past row: no overdue
 *   interest left on the latest one);
 * - a past row not paid is overdue;
 * - the next row that demands something shows what it will demand on its date (interest until then, principal
 *   above its remainder) and is partly paid when some of its principal is paid already;
 * - the last paid row shows P as what remains (the ledger's principal); other rows keep the contract's figures.
 * Not serviced (closed, cancelled, awaiting payout): the contract's rows; all paid when closed.
 */
export function scheduleOn(position: LoanPosition, today: IsoDate): PositionInstalment[] {
  const { schedule, balances: b } = position;
  if (!isServiced(position.status)) {
    const status: InstalmentStatus = position.status === 'closed' ? 'paid' : 'upcoming';
    return schedule.map((row) => ({ ...row, status }));
  }
  const owed = b.principal + b.principalOverdue;
  const lastPast = schedule.filter((row) => row.dueDate < today).at(-1);
  const next = nextDemanding(position, today);
  const rows = schedule.map((row): PositionInstalment => {
    const before = row.remainingPrincipal + row.principal;
    if (row.dueDate < today) {
      const paid = owed <= row.remainingPrincipal && !(row === lastPast && b.interestOverdue > 0n);
      return { ...row, status: paid ? 'paid' : 'overdue' };
    }
    if (row === next?.row) return { ...next.demand, status: owed < before ? 'partly_paid' : 'upcoming' };
    if (next && row.n > next.row.n) return { ...row, status: 'upcoming' };
    return { ...row, status: 'paid' };
  });
  const lastPaid = rows.findLastIndex((row) => row.status === 'paid');
  const lastPaidRow = rows[lastPaid];
  if (lastPaidRow) rows[lastPaid] = { ...lastPaidRow, remainingPrincipal: owed };
  return rows;
}

/**
 * The next instalment from today on that demands something (demandOf), with that demand; after the last due date
 * the last row (its demand counted to today). Null when no row from today on demands anything.
 */
function nextDemanding(
  position: LoanPosition,
  today: IsoDate,
): { row: Instalment; demand: Instalment } | null {
  const { schedule } = position;
  const ahead = schedule.filter((row) => row.dueDate >= today);
  const last = schedule[schedule.length - 1];
  for (const row of ahead.length > 0 ? ahead : last ? [last] : []) {
    const demand = demandOf(position, row, today);
    if (demand.total > 0n) return { row, demand };
  }
  return null;
}

/**
 * The next payment: everything overdue, plus what the next instalment that still demands something will demand
 * on its date (instalments already covered by earlier payments are skipped: paid), plus the penalty accruing
 * until then; never more than the payoff today. When only overdue debt is left, it is due today. Null when the
 * loan is not serviced or nothing is to pay: there is never a payment of 0 ₽.
 */
export function nextPaymentOf(position: LoanPosition, today: IsoDate): NextPayment | null {
  if (!isServiced(position.status)) return null;
  const overdue = overdueOf(position.balances);
  const next = nextDemanding(position, today);
  const dueDate = next ? next.row.dueDate : today;
  const through = dueDate >= today ? dueDate : today;
  const projected = overdue + pendingAccrual(position, through).penalty + (next?.demand.total ?? 0n);
  // Paying today never takes more than closes the loan today (the projection runs to the due date).
  const payoff = payoffOn(position, today);
  const amount = projected < payoff ? projected : payoff;
  if (amount <= 0n) return null;
  return {
    dueDate,
    amount,
    daysLeft: Math.max(0, daysBetween(today, dueDate)),
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
