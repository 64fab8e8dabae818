import { addDays, type IsoDate } from '../../../domain/calendar';
import type { Db } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { queueDueReminders } from '../messaging/queue-due-reminders';
import { accrueLoans } from './accrual-repository';
import {
  claimLoansToClose,
  closeWalCompression,
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
 * transaction, run by `workers` connections at once (default 1; PostgreSQL only — PGlite has one connection).
 * - Running a date twice changes nothing: a loan already closed for D is not picked, and its entry's
 *   idempotency key is taken anyway.
 * - A crash mid-run loses only the open batches (and, as a batch commits without waiting for its WAL flush, the
 *   last batches acknowledged within a fraction of a second: see tuneCloseBatch); the next run picks up the
 *   loans not yet closed for D.
 * - Two workers (here or on other instances) never take the same loan: a batch is claimed with FOR UPDATE SKIP
 *   LOCKED (and payments lock the loan row too, so a payment and the close never interleave on one loan).
 * - A quiet day's interest is kept in the loan's state row, not booked (accrual-repository.ts, point 4); with
 *   `bookAll` every loan's accrual is booked today, as on a month's last day (the bench times such a day).
 * `onBatch` (the bench) hears each batch's size and milliseconds. Returns the number of loans closed by this call.
 */
export async function closeBusinessDay(
  db: Db,
  date: IsoDate,
  options: {
    now: Date;
    timeZone: string;
    batch?: number;
    workers?: number;
    bookAll?: boolean;
    onBatch?: (loans: number, ms: number) => void;
  },
): Promise<number> {
  const { now, timeZone, batch = CLOSE_BATCH, workers = 1, bookAll = false, onBatch } = options;
  await startBusinessDay(db, date, now);
  const walCompression = await closeWalCompression(db);
  // The workers walk the primary key together: `after` is the last id claimed by any of them, and the claims
  // take turns (`claims`), so each batch starts where the previous one ended and no claim skips over rows
  // another worker is about to lock. A short batch means the walk reached the end: the next claim starts over,
  // for the loans skipped while someone else (a payment, another instance) held them.
  let after: string | null = null;
  let claims: Promise<unknown> = Promise.resolve();
  const claimInTurn = (claim: () => Promise<string[]>): Promise<string[]> => {
    const next = claims.then(claim);
    claims = next.catch(() => undefined);
    return next;
  };
  // One worker: batches until a walk from the start finds nothing claimable.
  const work = async (): Promise<number> => {
    let closedByWorker = 0;
    for (;;) {
      const started = performance.now();
      let from: string | null = null;
      const closed = await db.transaction(async (tx) => {
        await tuneCloseBatch(tx, walCompression);
        const loanIds = await claimInTurn(async () => {
          from = after;
          const ids = await claimLoansToClose(tx, date, batch, from);
          after = ids.length < batch ? null : ids.at(-1)!;
          return ids;
        });
        if (loanIds.length === 0) return 0;
        return accrueLoans(tx, { date, loanIds, dueProcessing: true, kind: 'close', bookAll });
      });
      closedByWorker += closed;
      if (closed > 0) onBatch?.(closed, performance.now() - started);
      else if (from === null) return closedByWorker;
    }
  };
  let processed = 0;
  for (;;) {
    const counts = await Promise.all(Array.from({ length: Math.max(1, workers) }, work));
    processed += counts.reduce((a, b) => a + b, 0);
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
    await closeBusinessDay(deps.db, date, {
      now: deps.clock.now(),
      timeZone: deps.config.timeZone,
      workers: deps.config.servicing.closeWorkers,
    });
    closed.push(date);
  }
  return closed;
}
