import { addDays, type IsoDate } from '../../../domain/calendar';
import type { Db } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { queueDueReminders } from '../messaging/queue-due-reminders';
import { accrueLoans } from './accrual-repository';
import {
  claimLoansToClose,
  countLoansLeftToClose,
  finishBusinessDay,
  firstOpenDate,
  startBusinessDay,
  tuneCloseBatch,
} from './close-repository';
import { expireProlongations } from './expire-prolongations';

/** How many loans one transaction of the close takes: big enough for set-based speed, small enough to resume. */
export const CLOSE_BATCH = 5_000;

/**
 * Closes one business date for every loan that is out (active or overdue): accrual, what fell due becomes
 * overdue, penalties, statuses (accrual-repository.ts), in batches of CLOSE_BATCH loans, each its own
 * transaction.
 * - Running a date twice changes nothing: a loan already closed for D is not picked, and its entry's
 *   idempotency key is taken anyway.
 * - A crash mid-run loses only the open batch; the next run picks up the loans not yet closed for D.
 * - Two workers never take the same loan: a batch is claimed with FOR UPDATE SKIP LOCKED (and payments lock the
 *   loan row too, so a payment and the close never interleave on one loan).
 * `onBatch` (the bench) hears each batch's size and milliseconds. Returns the number of loans closed by this call.
 */
export async function closeBusinessDay(
  db: Db,
  date: IsoDate,
  options: { now: Date; timeZone: string; batch?: number; onBatch?: (loans: number, ms: number) => void },
): Promise<number> {
  const { now, timeZone, batch = CLOSE_BATCH, onBatch } = options;
  await startBusinessDay(db, date, now);
  let processed = 0;
  // The last id claimed: each batch walks on from there. A short batch means the walk reached the end: the next one
  // starts over, for the loans skipped while someone else held them; a walk from the start that finds nothing ends.
  let after: string | null = null;
  for (;;) {
    const started = performance.now();
    const from: string | null = after;
    const closed = await db.transaction(async (tx) => {
      await tuneCloseBatch(tx);
      const loanIds = await claimLoansToClose(tx, date, batch, from);
      after = loanIds.length < batch ? null : loanIds.at(-1)!;
      if (loanIds.length === 0) return 0;
      return accrueLoans(tx, { date, loanIds, dueProcessing: true, kind: 'close' });
    });
    processed += closed;
    if (closed > 0) {
      onBatch?.(closed, performance.now() - started);
      continue;
    }
    if (from !== null) continue;
    // Nothing claimable: done, unless another worker (or a payment) holds some loans right now.
    if ((await countLoansLeftToClose(db, date)) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await queueDueReminders(db, date, { timeZone, now });
  await expireProlongations(db, { today: addDays(date, 1) });
  await finishBusinessDay(db, { date, now, processed });
  return processed;
}

/**
 * Closes every business date up to and including `through`, in order (a loan is never closed for D before
 * D − 1). The nightly job calls it with yesterday; tests and the demo with any date. Returns the dates closed.
 */
export async function closeBusinessDaysThrough(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  through: IsoDate,
): Promise<IsoDate[]> {
  const closed: IsoDate[] = [];
  for (let date = await firstOpenDate(deps.db); date !== null && date <= through; date = addDays(date, 1)) {
    await closeBusinessDay(deps.db, date, { now: deps.clock.now(), timeZone: deps.config.timeZone });
    closed.push(date);
  }
  return closed;
}
