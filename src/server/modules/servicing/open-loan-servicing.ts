import { eq } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import { addDays } from '../../../domain/calendar';
import { LOAN_ACCOUNT_CODES } from '../../../domain/ledger';
import { instalmentSchedule, paydaySchedule, type Instalment } from '../../../domain/schedule';
import type { DbOrTx } from '../../adapters/db/database';
import { contracts, ledgerAccounts, loans } from '../../adapters/db/schema-loans';
import { loanBalances, loanInstalments } from '../../adapters/db/schema-servicing';

type LoanRow = typeof loans.$inferSelect;

/** Writes a schedule as the loan's version `version` (earlier versions stay for the record). */
export async function saveSchedule(
  db: DbOrTx,
  loanId: string,
  version: number,
  instalments: readonly Instalment[],
) {
  if (instalments.length === 0) return;
  await db.insert(loanInstalments).values(
    instalments.map((i) => ({
      loanId,
      version,
      n: i.n,
      dueDate: i.dueDate,
      principal: i.principal,
      interest: i.interest,
      total: i.total,
      remainingPrincipal: i.remainingPrincipal,
    })),
  );
}

/**
 * The day the money is paid out, the loan starts being serviced: its accounts and balance row, the schedule
 * dated from the payout (not from signing: no interest for a cooling-off period), and the accrual dates.
 * Runs in the payout's transaction, before the disbursement is booked.
 */
export async function openLoanServicing(tx: DbOrTx, loan: LoanRow, disbursedOn: IsoDate): Promise<void> {
  await tx
    .insert(ledgerAccounts)
    .values(LOAN_ACCOUNT_CODES.map((code) => ({ loanId: loan.id, code })))
    .onConflictDoNothing();
  await tx.insert(loanBalances).values({ loanId: loan.id }).onConflictDoNothing();
  const [contract] = await tx
    .select({ terms: contracts.terms })
    .from(contracts)
    .where(eq(contracts.id, loan.contractId));
  const term = Number((contract!.terms as { term: number }).term);
  const options = {
    principal: loan.principal,
    dailyRateBp: loan.dailyRateBp,
    startDate: disbursedOn,
    accrualCap: loan.accrualCap,
  };
  const schedule =
    loan.kind === 'payday'
      ? paydaySchedule({ ...options, termDays: term })
      : instalmentSchedule({ ...options, termWeeks: term });
  await saveSchedule(tx, loan.id, 1, schedule.instalments);
  await tx
    .update(loans)
    .set({
      scheduleVersion: 1,
      interestBaseDate: disbursedOn,
      accruedThrough: disbursedOn,
      // The close of the payout date is the first one this loan takes part in.
      closedThrough: addDays(disbursedOn, -1),
    })
    .where(eq(loans.id, loan.id));
}
