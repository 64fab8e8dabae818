import type { IsoDate } from '../../../domain/calendar';
import { balanceOf } from '../../../domain/points';
import type { DbOrTx } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import { bookPoints, eventsOf, heldPoints, listPointsEntries, lockPointsAccount } from './points-repository';

/**
 * The points the borrower may pledge or spend now (whole points, never negative): the ledger balance less the
 * points held for unsettled payments (points_holds), leaving out the hold of `exceptPaymentId` (a payment spending
 * its own hold). Call it under lockPointsAccount when acting on the answer.
 */
export async function availablePoints(
  db: DbOrTx,
  input: { borrowerId: string; now: Date; exceptPaymentId?: string },
): Promise<{ balance: number; held: number; available: number }> {
  const balance = balanceOf(eventsOf(await listPointsEntries(db, input.borrowerId)));
  const held = await heldPoints(db, input.borrowerId, input.now, input.exceptPaymentId);
  return { balance, held, available: Math.max(0, balance - held) };
}

/**
 * Spends `points` of the borrower's available points for a cause (e.g. a payment's discount), once per
 * `idempotencyKey`, inside the caller's transaction, under the lock of the borrower's points account. Points held
 * for payments are not available, except the hold of `holdOf` (the payment spending its own hold). The oldest
 * lots are used first (domain/points.ts lotsOf). Throws AppError POINTS_INSUFFICIENT when fewer are available.
 * Returns whether anything was booked.
 */
export async function spendPoints(
  db: DbOrTx,
  input: {
    borrowerId: string;
    points: number;
    causeId: string;
    idempotencyKey: string;
    on: IsoDate;
    now: Date;
    holdOf?: string;
  },
): Promise<boolean> {
  await lockPointsAccount(db, input.borrowerId);
  const { available } = await availablePoints(db, {
    borrowerId: input.borrowerId,
    now: input.now,
    exceptPaymentId: input.holdOf,
  });
  if (input.points > available) throw new AppError('POINTS_INSUFFICIENT');
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
