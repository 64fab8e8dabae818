import { and, asc, eq } from 'drizzle-orm';
import { accrualFor } from '../../../domain/accrual';
import { dateInZone, type IsoDate } from '../../../domain/calendar';
import { daysBetween } from '../../../domain/psk';
import type { Debt } from '../../../domain/servicing';
import type { DbOrTx } from '../../adapters/db/database';
import { loans } from '../../adapters/db/schema-loans';
import { loanBalances, loanInstalments } from '../../adapters/db/schema-servicing';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';

export type LoanRow = typeof loans.$inferSelect;
export type BalancesRow = typeof loanBalances.$inferSelect;
export type InstalmentRow = typeof loanInstalments.$inferSelect;

/** One of the borrower's own loans; another person's id answers LOAN_NOT_FOUND (never "forbidden"). */
export async function findOwnLoan(db: DbOrTx, borrowerId: string, loanId: string, lock = false) {
  const query = db
    .select()
    .from(loans)
    .where(and(eq(loans.id, loanId), eq(loans.borrowerId, borrowerId)));
  const [loan] = lock ? await query.for('update') : await query;
  if (!loan) throw new AppError('LOAN_NOT_FOUND');
  return loan;
}

export async function readBalances(db: DbOrTx, loanId: string): Promise<BalancesRow> {
  const [row] = await db.select().from(loanBalances).where(eq(loanBalances.loanId, loanId));
  return (
    row ?? {
      loanId,
      principal: 0n,
      principalOverdue: 0n,
      interest: 0n,
      interestOverdue: 0n,
      penalty: 0n,
      fees: 0n,
      overpayment: 0n,
      interestIncome: 0n,
      penaltyIncome: 0n,
    }
  );
}

export async function currentSchedule(db: DbOrTx, loan: Pick<LoanRow, 'id' | 'scheduleVersion'>) {
  return db
    .select()
    .from(loanInstalments)
    .where(and(eq(loanInstalments.loanId, loan.id), eq(loanInstalments.version, loan.scheduleVersion)))
    .orderBy(asc(loanInstalments.n));
}

/** Everything accrued on the contract that counts toward the cap. */
export const accruedOf = (b: BalancesRow) => -(b.interestIncome + b.penaltyIncome);

/** The interest and penalty of the days after the last accrual up to `date`, not yet booked. */
export function pendingAccrual(loan: LoanRow, b: BalancesRow, date: IsoDate) {
  if (
    !loan.interestBaseDate ||
    !loan.accruedThrough ||
    (loan.status !== 'active' && loan.status !== 'overdue')
  )
    return { interest: 0n, penalty: 0n, days: 0 };
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
  });
}

/** The debt by the buckets of the payment order, as booked (pending accrual not included). */
export function debtOf(b: BalancesRow): Debt {
  return {
    overdueInterest: b.interestOverdue,
    overduePrincipal: b.principalOverdue,
    penalty: b.penalty,
    currentInterest: b.interest,
    currentPrincipal: b.principal,
    fees: b.fees,
  };
}

export const totalDebt = (b: BalancesRow) =>
  b.principal + b.principalOverdue + b.interest + b.interestOverdue + b.penalty + b.fees;

/** What closes the loan on `date` (today or later): the debt plus what accrues until then. */
export function payoffOn(loan: LoanRow, b: BalancesRow, date: IsoDate) {
  const pending = pendingAccrual(loan, b, date);
  return totalDebt(b) + pending.interest + pending.penalty;
}

/**
 * The next payment: the first due date from today on, and what to pay by it — everything overdue, plus the
 * current interest accruing until then, plus the principal above what the schedule lets remain after it.
 */
export function nextPaymentOf(loan: LoanRow, b: BalancesRow, schedule: InstalmentRow[], today: IsoDate) {
  if (loan.status !== 'active' && loan.status !== 'overdue') return null;
  const next = schedule.find((i) => i.dueDate >= today) ?? schedule[schedule.length - 1];
  if (!next) return null;
  const overdue = b.principalOverdue + b.interestOverdue + b.penalty + b.fees;
  const through = next.dueDate >= today ? next.dueDate : today;
  const pending = pendingAccrual(loan, b, through);
  const due = b.principal + b.interest + pending.interest - next.remainingPrincipal;
  // Paying today never takes more than closes the loan today (the projection runs to the due date).
  const projected = overdue + pending.penalty + (due > 0n ? due : 0n);
  const payoff = payoffOn(loan, b, today);
  const amount = projected < payoff ? projected : payoff;
  return {
    dueDate: next.dueDate,
    amount,
    daysLeft: Math.max(0, daysBetween(today, next.dueDate)),
    overdue: overdue > 0n,
  };
}

/** The business date of the lender now: the calendar date in the lender's time zone. */
export function businessToday(deps: Pick<Deps, 'clock' | 'config'>): IsoDate {
  return dateInZone(deps.clock.now(), deps.config.timeZone);
}
