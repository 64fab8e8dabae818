import type { LoanView } from '../../../contracts/servicing';
import type { Deps } from '../../deps';
import { loadProductionCalendarCached } from './calendar-repository';
import { buildLoanView } from './get-loan';
import { readDashboard } from './loan-repository';

/**
 * The borrower's loans (cancelled ones left out), newest first, as their cards show them: one query for every
 * card (readDashboard), and the production calendar from the in-memory cache (a minute at most; an edit on this
 * instance drops it at once).
 */
export async function listLoans(deps: Deps, options: { borrowerId: string }): Promise<LoanView[]> {
  const [cards, calendar] = await Promise.all([
    readDashboard(deps.db, options.borrowerId),
    loadProductionCalendarCached(deps.db),
  ]);
  return Promise.all(cards.map((card) => buildLoanView(deps, card, calendar)));
}
