import { sql } from 'drizzle-orm';
import { addDays, type IsoDate } from '../../../domain/calendar';
import type { Db } from '../../adapters/db/database';
import { businessDays } from '../../adapters/db/schema-servicing';
import { accrueLoans } from './accrue-loans';
import type { Deps } from '../../deps';
import { businessToday } from './loan-account';
import { queueDueReminders } from '../messaging/queue-due-reminders';
import { runPeriodically } from '../../jobs/run-periodically';
import { expireProlongations } from './prolong-loan';

type Rows<T> = { rows: T[] };

/** How many loans one transaction of the close takes: big enough for set-based speed, small enough to resume. */
export const CLOSE_BATCH = 5_000;

/**
 * Closes one business date for every loan that is out (active or overdue): accrual, what fell due becomes
 * overdue, penalties, statuses (accrue-loans.ts), in batches of CLOSE_BATCH loans, each its own transaction.
 * - Running a date twice changes nothing: a loan already closed for D is not picked, and its entry's
 *   idempotency key is taken anyway.
 * - A crash mid-run loses only the open batch; the next run picks up the loans not yet closed for D.
 * - Two workers never take the same loan: a batch is claimed with FOR UPDATE SKIP LOCKED (and payments lock the
 *   loan row too, so a payment and the close never interleave on one loan).
 * Returns the number of loans closed by this call.
 */
export async function closeBusinessDay(
  db: Db,
  date: IsoDate,
  options: { now: Date; timeZone: string; batch?: number },
): Promise<number> {
  const { now, timeZone, batch = CLOSE_BATCH } = options;
  await db
    .insert(businessDays)
    .values({ businessDate: date, status: 'running', startedAt: now })
    .onConflictDoNothing();
  let processed = 0;
  for (;;) {
    const closed = await db.transaction(async (tx) => {
      const claimed = (await tx.execute(sql`
        SELECT id FROM loans
         WHERE status IN ('active', 'overdue') AND closed_through < ${date}::date
         LIMIT ${batch}
         FOR UPDATE SKIP LOCKED`)) as unknown as Rows<{ id: string }>;
      if (claimed.rows.length === 0) return 0;
      return accrueLoans(tx, {
        date,
        loanIds: claimed.rows.map((r) => r.id),
        dueProcessing: true,
        kind: 'close',
      });
    });
    processed += closed;
    if (closed > 0) continue;
    // Nothing claimable: done, unless another worker (or a payment) holds some loans right now.
    const left = (await db.execute(sql`
      SELECT count(*)::int AS n FROM loans
       WHERE status IN ('active', 'overdue') AND closed_through < ${date}::date`)) as unknown as Rows<{
      n: number;
    }>;
    if (Number(left.rows[0]?.n ?? 0) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await queueDueReminders(db, date, timeZone);
  await expireProlongations(db, addDays(date, 1));
  await db.execute(sql`
    UPDATE business_days SET status = 'done', finished_at = ${now.toISOString()}::timestamptz,
           loans_processed = loans_processed + ${processed}
     WHERE business_date = ${date}::date`);
  return processed;
}

/** The first business date some open loan has not been closed for, or null when every loan is up to date. */
async function firstOpenDate(db: Db): Promise<IsoDate | null> {
  const result = (await db.execute(sql`
    SELECT (min(closed_through) + 1)::text AS d FROM loans WHERE status IN ('active', 'overdue')`)) as unknown as Rows<{
    d: string | null;
  }>;
  return result.rows[0]?.d ?? null;
}

/**
 * Closes every business date up to and including `through`, in order (a loan is never closed for D before
 * D − 1). The nightly job calls it with yesterday; tests and the demo with any date.
 */
export async function closeBusinessDaysThrough(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  through: IsoDate,
) {
  const closed: IsoDate[] = [];
  for (let date = await firstOpenDate(deps.db); date !== null && date <= through; date = addDays(date, 1)) {
    await closeBusinessDay(deps.db, date, { now: deps.clock.now(), timeZone: deps.config.timeZone });
    closed.push(date);
  }
  return closed;
}

/** Runs the close for every finished business date (all before today) every `intervalMs`, and at start. */
export function startCloseOfBusinessWorker(deps: Deps, intervalMs = 60_000): () => Promise<void> {
  return runPeriodically(
    deps,
    'close of business',
    () => closeBusinessDaysThrough(deps, addDays(businessToday(deps), -1)),
    intervalMs,
    true,
  );
}
