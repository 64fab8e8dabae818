import { type IsoDate } from '../../../domain/calendar';
import { expiryDateOf, pointsFor, type EarnCause } from '../../../domain/points';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { enqueueJob } from '../../jobs/job-repository';
import { bookPoints, lockPointsAccount } from './points-repository';

/** The instant an expiry job for a lot expiring on `on` becomes due (the start of that day, UTC). */
export const expiryInstant = (on: IsoDate): Date => new Date(`${on}T00:00:00Z`);

/**
 * Earns the points of one cause for the borrower, once per cause (`<cause>:<causeId>`), inside the caller's
 * transaction; the lot expires `config.points.expiryDays` after `on`, by a `points.expire` job enqueued in the same
 * transaction. A cause worth 0 points (switched off in the configuration) books nothing. Returns the points earned.
 */
export async function earnPoints(
  deps: Pick<Deps, 'config'>,
  db: DbOrTx,
  input: { borrowerId: string; cause: EarnCause; causeId: string; on: IsoDate },
): Promise<number> {
  const points = pointsFor(input.cause, deps.config.points);
  if (points <= 0) return 0;
  await lockPointsAccount(db, input.borrowerId);
  const expiresOn = expiryDateOf(input.on, deps.config.points);
  const lotId = await bookPoints(db, {
    borrowerId: input.borrowerId,
    kind: 'earn',
    cause: input.cause,
    causeId: input.causeId,
    idempotencyKey: `${input.cause}:${input.causeId}`,
    points,
    expiresOn,
    businessDate: input.on,
  });
  if (!lotId) return 0;
  await enqueueJob(db, {
    queue: 'points.expire',
    payload: { lotId },
    runAt: expiryInstant(expiresOn),
    dedupeKey: `points-expire:${lotId}`,
  });
  return points;
}
