import type { IsoDate } from '../../../domain/calendar';
import type { DbOrTx } from '../../adapters/db/database';
import { expireProlongationsBefore } from './prolongation-repository';

/**
 * A prolongation not paid on the day it was drawn up lapses (its amount was that day's interest): every
 * unfinished one drawn up before `today` − 1 (UTC date of creation) is expired. The close runs it daily.
 */
export async function expireProlongations(db: DbOrTx, options: { today: IsoDate }): Promise<void> {
  await expireProlongationsBefore(db, options.today);
}
