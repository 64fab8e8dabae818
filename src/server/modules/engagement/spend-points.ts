import type { IsoDate } from '../../../domain/calendar';
import { balanceOf } from '../../../domain/points';
import type { DbOrTx } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import { bookPoints, eventsOf, listPointsEntries, lockPointsAccount } from './points-repository';

/**
 * Spends `points` of the borrower's balance for a cause (e.g. a discount applied to a contract), once per
 * `idempotencyKey`, inside the caller's transaction. The oldest lots are used first (domain/points.ts lotsOf).
 * Throws AppError POINTS_INSUFFICIENT when the balance is smaller. Returns whether anything was booked.
 */
export async function spendPoints(
  db: DbOrTx,
  input: { borrowerId: string; points: number; causeId: string; idempotencyKey: string; on: IsoDate },
): Promise<boolean> {
  await lockPointsAccount(db, input.borrowerId);
  const balance = balanceOf(eventsOf(await listPointsEntries(db, input.borrowerId)));
  if (input.points > balance) throw new AppError('POINTS_INSUFFICIENT');
  const id = await bookPoints(db, {
    borrowerId: input.borrowerId,
    kind: 'spend',
    cause: 'spent',
    causeId: input.causeId,
    idempotencyKey: input.idempotencyKey,
    points: input.points,
    businessDate: input.on,
  });
  return id !== null;
}
