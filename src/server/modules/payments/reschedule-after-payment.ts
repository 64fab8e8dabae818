import type { IsoDate } from '../../../domain/calendar';
import type { Kopecks } from '../../../domain/money';
import { reschedule } from '../../../domain/reschedule';
import type { Tx } from '../../adapters/db/database';
import { currentSchedule, readBalances, type LoanRow } from '../servicing/loan-account';
import { saveSchedule } from '../servicing/loan-account';
import { updateLoan } from './repository';

/**
 * A partial early repayment: the instalments due after `from` ('YYYY-MM-DD') get a new schedule version for the
 * remaining `principal` (kopecks) — a smaller payment, or a shorter term when the borrower chose it (payday loans
 * always keep the term) — within what is left of the accrual cap. Instalments already past stay as they were.
 */
export async function rescheduleAfterPartialRepayment(
  tx: Tx,
  options: { loan: LoanRow; principal: Kopecks; from: IsoDate; mode: 'payment' | 'term' },
): Promise<void> {
  const { loan, principal, from } = options;
  const schedule = await currentSchedule(tx, loan);
  const remaining = schedule.filter((i) => i.dueDate > from);
  const [first] = schedule;
  const [firstRemaining] = remaining;
  if (!first || !firstRemaining) return;
  const balances = await readBalances(tx, loan.id);
  const next = reschedule({
    principal,
    dailyRateBp: loan.dailyRateBp,
    from,
    dueDates: remaining.map((i) => i.dueDate),
    regularPayment: first.total,
    mode: loan.kind === 'payday' ? 'payment' : options.mode,
    headroom: loan.accrualCap - -(balances.interestIncome + balances.penaltyIncome),
    firstN: firstRemaining.n,
  });
  const version = loan.scheduleVersion + 1;
  await saveSchedule(tx, loan.id, version, [...schedule.filter((i) => i.dueDate <= from), ...next]);
  await updateLoan(tx, loan.id, { scheduleVersion: version });
}
