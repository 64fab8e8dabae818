import type { LoanView } from '../../../contracts/servicing';
import type { Deps } from '../../deps';
import { paymentView } from '../payments/payment-view';
import { checkProlongation } from './check-prolongation';
import { businessToday, loadPosition } from './loan-account';
import { findProductName, getContract, getOwnLoan, listLoanPayments, type LoanRow } from './loan-repository';
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

/** Reads what the card of `loan` shows and maps it to the wire. */
export async function loadLoanView(deps: Deps, loan: LoanRow): Promise<LoanView> {
  const today = businessToday(deps);
  const [contract, productName, position, paymentRows, prolongationRows] = await Promise.all([
    getContract(deps.db, loan.contractId),
    findProductName(deps.db, loan.applicationId),
    loadPosition(deps.db, loan),
    listLoanPayments(deps.db, loan.id),
    listProlongations(deps.db, loan.id),
  ]);
  const prolongationCheck = await checkProlongation(deps, {
    loan,
    days: deps.config.servicing.prolongationDays.min,
  });
  const current = prolongationRows.find(
    (p) => p.status === 'awaiting_signature' || p.status === 'awaiting_payment',
  );
  return loanView(deps, {
    loan,
    position,
    contract,
    productName: productName ?? '',
    today,
    payments: paymentRows.map(paymentView),
    prolongations: prolongationRows.map(prolongationView),
    currentProlongation: current ? prolongationView(current) : null,
    prolongationCheck,
  });
}
