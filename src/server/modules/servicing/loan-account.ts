import { dateInZone, type IsoDate } from '../../../domain/calendar';
import type { LoanBalances, LoanPosition } from '../../../domain/loan-position';
import type { Instalment } from '../../../domain/schedule';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { currentSchedule, readBalances, type LoanRow } from './loan-repository';

/**
 * A loan's account as the domain sees it: the repository's rows mapped to a LoanPosition (domain/loan-position.ts,
 * where the rules live: payoff, next payment, pending accrual, status after a payment or a close).
 */

export {
  getOwnLoan,
  selectLoanRows,
  readBalances,
  currentSchedule,
  saveSchedule,
  type LoanRow,
  type BalancesRow,
  type InstalmentRow,
} from './loan-repository';

/**
 * Maps a loan row, its balances and (when the rule needs it) its current schedule to the domain's position.
 * Balance rows carry more columns than LoanBalances; only the balances are taken.
 */
export function positionOf(
  loan: LoanRow,
  balances: LoanBalances,
  schedule: readonly Instalment[] = [],
): LoanPosition {
  return {
    status: loan.status,
    dailyRateBp: loan.dailyRateBp,
    accrualCap: loan.accrualCap,
    penaltyPercentYear: loan.penaltyPercentYear,
    penaltyBpDay: loan.penaltyBpDay,
    interestBaseDate: loan.interestBaseDate,
    accruedThrough: loan.accruedThrough,
    balances: {
      principal: balances.principal,
      principalOverdue: balances.principalOverdue,
      interest: balances.interest,
      interestOverdue: balances.interestOverdue,
      penalty: balances.penalty,
      fees: balances.fees,
      overpayment: balances.overpayment,
      interestIncome: balances.interestIncome,
      penaltyIncome: balances.penaltyIncome,
    },
    schedule,
  };
}

/** Reads the loan's balances and current schedule and maps them with the loan to its position. */
export async function loadPosition(db: DbOrTx, loan: LoanRow): Promise<LoanPosition> {
  const balances = await readBalances(db, loan.id);
  return positionOf(loan, balances, await currentSchedule(db, loan));
}

/** The business date of the lender now: the calendar date in the lender's time zone ('YYYY-MM-DD'). */
export function businessToday(deps: Pick<Deps, 'clock' | 'config'>): IsoDate {
  return dateInZone(deps.clock.now(), deps.config.timeZone);
}
