import type { LoanView } from '../../../contracts/servicing';
import type { Deps } from '../../deps';
import { paymentView } from '../payments/payment-view';
import { checkProlongation } from './check-prolongation';
import { businessToday, positionOf } from './loan-account';
import type { ProductionCalendar } from '../../../domain/production-calendar';
import {
  currentSchedule,
  getOwnLoan,
  listLoanPayments,
  readLoanCard,
  type DashboardLoan,
  type LoanRow,
} from './loan-repository';
import { loanView } from './loan-view';
import { listProlongations } from './prolongation-repository';
import { prolongationView } from './prolongation-view';

/**
 * One of the borrower's loans as its card shows it (see loanView). Throws LOAN_NOT_FOUND for a loan that is not
 * theirs or does not exist.
 */
export async function getLoan(
  deps: Deps,
  options: { borrowerId: string; loanId: string },
): Promise<LoanView> {
  return loadLoanView(deps, await getOwnLoan(deps.db, options));
}

/**
 * Reads what the card of `loan` shows and maps it to the wire: four reads in parallel (the card's joined row with
 * the balances, the schedule, the payments, the prolongations), then the prolongation check on that same position
 * (it reads only the production calendar). No row is read twice and no document's bytes at all.
 */
export async function loadLoanView(deps: Deps, loan: LoanRow): Promise<LoanView> {
  const [card, schedule, payments, prolongations] = await Promise.all([
    readLoanCard(deps.db, loan),
    currentSchedule(deps.db, loan),
    listLoanPayments(deps.db, loan.id),
    listProlongations(deps.db, loan.id),
  ]);
  return buildLoanView(deps, { loan, ...card, schedule, payments, prolongations });
}

/**
 * A loan card from what was read for it (a parseDashboard card, or loadLoanView's four reads): the position, the
 * prolongation check on that same position (`calendar`: the production calendar when the caller has it, else it is
 * read), and the wire view. Reads nothing else.
 */
export async function buildLoanView(
  deps: Deps,
  data: DashboardLoan,
  calendar?: ProductionCalendar,
): Promise<LoanView> {
  const { loan } = data;
  const today = businessToday(deps);
  const position = positionOf(loan, data.balances, data.schedule);
  const prolongationCheck = await checkProlongation(deps, {
    loan,
    days: deps.config.servicing.prolongationDays.min,
    known: { position, ...(calendar ? { calendar } : {}) },
  });
  const current = data.prolongations.find(
    (p) => p.status === 'awaiting_signature' || p.status === 'awaiting_payment',
  );
  return loanView(deps, {
    loan,
    position,
    contract: data.contract,
    // The product as in force on the signing date (kept on the loan).
    productName: loan.productName ?? '',
    today,
    payments: data.payments.map(paymentView),
    prolongations: data.prolongations.map(prolongationView),
    currentProlongation: current ? prolongationView(current) : null,
    prolongationCheck,
  });
}
