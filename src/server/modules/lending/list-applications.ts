import type { ApplicationView } from '../../../contracts';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { loanBalance } from '../ledger/ledger-repository';
import {
  listBorrowerApplications,
  loadApplicationParts,
  type ApplicationRow,
} from './application-repository';
import { toApplicationView } from './views';

/** The borrower's views of these applications, with each loan's principal balance read from the ledger. */
export async function applicationViews(db: DbOrTx, rows: ApplicationRow[]): Promise<ApplicationView[]> {
  if (rows.length === 0) return [];
  const parts = await loadApplicationParts(
    db,
    rows.map((r) => r.id),
  );
  const balances = new Map(
    await Promise.all(
      parts.loans.map(async (l) => [l.id, await loanBalance(db, l.id, 'principal')] as const),
    ),
  );
  return rows.map((row) => toApplicationView(row, parts, balances));
}

/** The borrower's applications, newest first, as they see them (status, timeline, offer, contract, loan). */
export async function listApplications(
  deps: Deps,
  { borrowerId }: { borrowerId: string },
): Promise<ApplicationView[]> {
  return applicationViews(deps.db, await listBorrowerApplications(deps.db, borrowerId));
}
