import type { Deps } from '../../deps';
import { listFormerPassports } from './borrower-repository';
import { toPassportHistoryItem } from './views';

/** The borrower's former passports (masked), the most recently replaced first. */
export async function listPassportHistory(deps: Deps, { borrowerId }: { borrowerId: string }) {
  const rows = await listFormerPassports(deps.db, borrowerId);
  return rows.map((row) => toPassportHistoryItem(deps.cipher, row));
}
