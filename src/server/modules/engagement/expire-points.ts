import type { IsoDate } from '../../../domain/calendar';
import { dueExpiries } from '../../../domain/points';
import type { DbOrTx } from '../../adapters/db/database';
import type { JobHandler } from '../../jobs/run-jobs';
import { businessToday } from '../servicing/loan-account';
import { expiryInstant } from './earn-points';
import { bookPoints, eventsOf, findLot, listPointsEntries, lockPointsAccount } from './points-repository';

/**
 * Expires what is left of one earned lot once its expiry date has come (`today` ≥ expires_on), once
 * (`expire:<lot id>`). Returns the points expired (0 when the lot was used up, already expired, or not yet due).
 */
export async function expireLot(db: DbOrTx, input: { lotId: string; today: IsoDate }): Promise<number> {
  const lot = await findLot(db, input.lotId);
  if (!lot) return 0;
  await lockPointsAccount(db, lot.borrowerId);
  const due = dueExpiries(eventsOf(await listPointsEntries(db, lot.borrowerId)), input.today).find(
    (d) => d.lotId === input.lotId,
  );
  if (!due) return 0;
  await bookPoints(db, {
    borrowerId: lot.borrowerId,
    kind: 'expire',
    cause: 'expired',
    causeId: input.lotId,
    idempotencyKey: `expire:${input.lotId}`,
    points: due.points,
    lotId: input.lotId,
    businessDate: input.today,
  });
  return due.points;
}

/** The `points.expire` job: expires the lot on its date (a job run early waits for the date). */
export const expirePointsJob: JobHandler<'points.expire'> = {
  leaseMs: () => 60_000,
  run: async (deps, { lotId }) => {
    const today = businessToday(deps);
    const lot = await findLot(deps.db, lotId);
    if (lot?.expiresOn && lot.expiresOn > today) return { runAgainAt: expiryInstant(lot.expiresOn) };
    await deps.db.transaction((tx) => expireLot(tx, { lotId, today }));
  },
};
