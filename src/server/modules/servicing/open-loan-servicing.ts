import { addDays, type IsoDate } from '../../../domain/calendar';
import { instalmentSchedule, paydaySchedule } from '../../../domain/schedule';
import type { DbOrTx } from '../../adapters/db/database';
import { parseContractTerms } from './contract-terms';
import { loadProductionCalendar } from './calendar-repository';
import {
  getContract,
  openLoanAccounts,
  openServicingState,
  saveSchedule,
  updateLoan,
  type LoanRow,
} from './loan-repository';

/**
 * The day the money is paid out, the loan starts being serviced: its accounts and balance row, the schedule
 * dated from the payout (not from signing: no interest for a cooling-off period) with due dates moved off
 * non-working days by the production calendar (the amounts stay those of the scheduled dates), and the accrual
 * dates.
 * Runs in the payout's transaction, before the disbursement is booked. Throws CONTRACT_NOT_FOUND when the loan's
 * contract is missing.
 */
export async function openLoanServicing(
  tx: DbOrTx,
  loan: Omit<LoanRow, 'accruedThrough' | 'closedThrough'>,
  disbursedOn: IsoDate,
): Promise<void> {
  await openLoanAccounts(tx, loan.id);
  const { term } = parseContractTerms((await getContract(tx, loan.contractId)).terms);
  const options = {
    principal: loan.principal,
    dailyRateBp: loan.dailyRateBp,
    startDate: disbursedOn,
    accrualCap: loan.accrualCap,
    // Due dates on non-working days move to the next working day (Civil Code art. 193), by the calendar table.
    calendar: await loadProductionCalendar(tx),
  };
  const schedule =
    loan.kind === 'payday'
      ? paydaySchedule({ ...options, termDays: term })
      : instalmentSchedule({ ...options, termWeeks: term });
  await saveSchedule(tx, loan.id, 1, schedule.instalments);
  await updateLoan(tx, loan.id, { scheduleVersion: 1, interestBaseDate: disbursedOn });
  await openServicingState(tx, loan.id, {
    accruedThrough: disbursedOn,
    // The close of the payout date is the first one this loan takes part in.
    closedThrough: addDays(disbursedOn, -1),
  });
}
