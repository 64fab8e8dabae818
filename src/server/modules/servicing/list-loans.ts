import type { LoanView } from '../../../contracts/servicing';
import type { Deps } from '../../deps';
import { loadLoanView } from './get-loan';
import { listOwnLoans } from './loan-repository';

/** The borrower's loans (cancelled ones left out), newest first, as their cards show them. */
export async function listLoans(deps: Deps, options: { borrowerId: string }): Promise<LoanView[]> {
  const rows = await listOwnLoans(deps.db, options.borrowerId);
  return Promise.all(rows.filter((l) => l.status !== 'cancelled').map((l) => loadLoanView(deps, l)));
}
