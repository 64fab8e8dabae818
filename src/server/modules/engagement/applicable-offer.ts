import { bestOffer } from '../../../domain/offers';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { businessToday } from '../servicing/loan-account';
import { offersFor, type OfferRow } from './offers-repository';

/**
 * The personal offer that applies to the borrower's next contract on `date` (today by default): the best of those
 * in force for them (domain/offers.ts bestOffer), or null. Used by the calculator and the contract alike, so both
 * show the same rate.
 */
export async function applicableOffer(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: { borrowerId: string; date?: string; db?: DbOrTx },
): Promise<OfferRow | null> {
  const date = input.date ?? businessToday(deps);
  return bestOffer(await offersFor(input.db ?? deps.db, input.borrowerId, date), date);
}
