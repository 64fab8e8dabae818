import type { DbOrTx } from '../../adapters/db/database';
import { markOfferUsed } from './offers-repository';

/**
 * Records, in the signing transaction, that a personal offer was applied to a contract: a single-use offer is then
 * no longer offered to this borrower (offers-repository offersFor).
 */
export async function useOffer(
  db: DbOrTx,
  use: { offerId: string; borrowerId: string; contractId: string; at: Date },
): Promise<void> {
  await markOfferUsed(db, use);
}
