import type { IsoDate } from '../../../domain/calendar';
import type { DbOrTx } from '../../adapters/db/database';
import { nodeDrawHashes } from './draw-hashes';
import { campaignsOpenOn, insertEntry } from './raffle-repository';

/**
 * A person's pseudonymous code in one campaign (the same for all their entries there, different across campaigns):
 * the first 12 hex characters of SHA-256("<campaign id>:<borrower id>"). Published with the entries so anyone can
 * check the one-prize-per-participant rule without learning who the participant is.
 */
export const participantCode = (campaignId: string, borrowerId: string): string =>
  nodeDrawHashes.sha256Hex(new TextEncoder().encode(`${campaignId}:${borrowerId}`)).slice(0, 12);

/**
 * One entry in every published campaign open on the payment date, for a payment made on time, once per payment
 * (`payment:<payment id>`), in the payment's transaction. Never for taking a loan. Returns how many were added.
 */
export async function enterRaffles(
  db: DbOrTx,
  input: { borrowerId: string; paymentId: string; paymentDate: IsoDate },
): Promise<number> {
  let added = 0;
  for (const campaign of await campaignsOpenOn(db, input.paymentDate))
    if (
      await insertEntry(db, {
        campaignId: campaign.id,
        borrowerId: input.borrowerId,
        causeKey: `payment:${input.paymentId}`,
      })
    )
      added++;
  return added;
}
