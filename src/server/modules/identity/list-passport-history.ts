import type { Deps } from '../../deps';
import { listOwnContracts } from '../borrower-data/documents-repository';
import { listFormerPassports } from './borrower-repository';
import { toPassportHistoryItem } from './views';

/**
 * The borrower's former passports (masked), the most recently replaced first, each with the name held then and
 * the numbers of the contracts signed while it was current: passports follow one another, so a contract belongs to
 * the first passport replaced after its signature (none: the current passport).
 */
export async function listPassportHistory(deps: Deps, { borrowerId }: { borrowerId: string }) {
  const [rows, contracts] = await Promise.all([
    listFormerPassports(deps.db, borrowerId),
    listOwnContracts(deps.db, borrowerId),
  ]);
  const byReplacement = [...rows].sort((a, b) => a.replacedAt.getTime() - b.replacedAt.getTime());
  const passportOf = (signedAt: Date) => byReplacement.find((row) => signedAt < row.replacedAt);
  const signedUnder = new Map<string, string[]>();
  for (const c of contracts) {
    const row = c.signedAt ? passportOf(c.signedAt) : undefined;
    if (row) signedUnder.set(row.id, [...(signedUnder.get(row.id) ?? []), c.number]);
  }
  return rows.map((row) => toPassportHistoryItem(deps.cipher, row, signedUnder.get(row.id) ?? []));
}
