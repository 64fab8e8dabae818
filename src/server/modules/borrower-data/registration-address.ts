import type { DbOrTx } from '../../adapters/db/database';
import { findCurrentAddress } from './repository';

/**
 * The borrower's current registration address as one printed line, for contracts, addenda and certificates;
 * null when they have not given it yet (the document then omits the line).
 */
export async function registrationAddressLine(db: DbOrTx, borrowerId: string): Promise<string | null> {
  return (await findCurrentAddress(db, borrowerId, 'registration'))?.text ?? null;
}
