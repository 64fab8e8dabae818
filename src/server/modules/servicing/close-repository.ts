import { desc, eq, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import type { DbOrTx } from '../../adapters/db/database';
import { businessDays } from '../../adapters/db/schema-servicing';

/** The close of business days: the business_days log and the choice of loans to close (Drizzle only here). */

type Rows<T> = { rows: T[] };

/** Records that the close of `date` started (once: a rerun keeps the first record). */
export async function startBusinessDay(db: DbOrTx, date: IsoDate, now: Date): Promise<void> {
  await db
    .insert(businessDays)
    .values({ businessDate: date, status: 'running', startedAt: now })
    .onConflictDoNothing();
}

/**
 * Claims up to `batch` open loans (active or overdue) not yet closed for `date`, in primary-key order after the id
 * `after` (null: from the start), locking their loan rows (payments lock the loan row too) and their state rows FOR
 * UPDATE SKIP LOCKED, so two workers never take the same loan: the state row is the one a batch changes, so a claim
 * that meets a batch just committed re-reads it and sees the loan closed; returns their ids in order. Walking the key keeps each batch's cost flat
 * and never re-reads the loans already closed; the ids are time-ordered, so a batch reads neighbouring pages.
 */
export async function claimLoansToClose(
  db: DbOrTx,
  date: IsoDate,
  batch: number,
  after: string | null = null,
): Promise<string[]> {
  const claimed = (await db.execute(sql`
    SELECT l.id FROM loans l JOIN loan_servicing_state st ON st.loan_id = l.id
     WHERE l.id > ${after ?? '00000000-0000-0000-0000-000000000000'}::uuid
       AND l.status IN ('active', 'overdue') AND st.closed_through < ${date}::date
     ORDER BY l.id
     LIMIT ${batch}
     FOR UPDATE OF l, st SKIP LOCKED`)) as unknown as Rows<{ id: string }>;
  return claimed.rows.map((r) => r.id);
}

/**
 * How the close's batches may compress the full-page images they write to the WAL: 'lz4' (else 'zstd', else
 * 'pglz', whichever the server was built with) when the role may set `wal_compression` (a superuser, or
 * `GRANT SET ON PARAMETER wal_compression TO <role>`, PostgreSQL 15+; 'on' before 15, whose only method is pglz)
 * and the server does not compress already; otherwise null (the batches leave the setting alone). Asked once per close.
 *
 * Why: the first update of a page after a checkpoint writes the whole 8 KB page to the WAL, and the close touches
 * every page of its tables every day: about 1.9 GB of WAL per 1 000 000 loans, mostly such images. Compressed, the
 * close of 1 000 000 loans took 52 s instead of 59 s on the bench machine (README «Performance»). Production
 * servers should turn `wal_compression` on for everything; this only makes sure the close gets it.
 */
export async function closeWalCompression(db: DbOrTx): Promise<string | null> {
  const read = (await db.execute(sql`
    SELECT s.setting, s.enumvals, current_setting('server_version_num')::int AS version,
           coalesce((SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user), false) AS superuser
      FROM pg_settings s WHERE s.name = 'wal_compression'`)) as unknown as Rows<{
    setting: string;
    enumvals: string[] | null;
    version: number;
    superuser: boolean;
  }>;
  const server = read.rows[0];
  if (!server || server.setting !== 'off') return null;
  // has_parameter_privilege (and GRANT SET ON PARAMETER) exist from PostgreSQL 15; before it, only a superuser may.
  if (!server.superuser) {
    if (server.version < 150000) return null;
    const granted = (await db.execute(
      sql`SELECT has_parameter_privilege('wal_compression', 'SET') AS may`,
    )) as unknown as Rows<{ may: boolean }>;
    if (!granted.rows[0]?.may) return null;
  }
  // Before PostgreSQL 15 the setting is a boolean: 'on' compresses with pglz.
  return ['lz4', 'zstd', 'pglz'].find((method) => server.enumvals?.includes(method)) ?? 'on';
}

/**
 * Pins the plans of one batch transaction of the close (one round trip; the settings end with the transaction):
 * every statement of a batch must cost what its own loans cost whatever the statistics say (they drift as the close
 * updates every loan each day), so no sequential scan of a table and no merge join (a sort of a whole table or of
 * the ledger): only lookups by key, and hash joins of the statement's own CTEs. No JIT: it spent seconds compiling a
 * statement that runs in half a second. With `walCompression` (closeWalCompression), the batch's full-page images
 * are compressed.
 *
 * The batch commits without waiting for its WAL to reach the disk (`synchronous_commit = off`, this transaction
 * only; README «Performance»). Durability stays correct: the WAL is written in order, so a crash can
 * lose only the last batches acknowledged (within about 3 × wal_writer_delay), never part of a batch, and never a
 * batch some later durable commit depends on (a payment on the same loan, the business_days record of the finished
 * date: their own synchronous commits flush everything before them). A lost batch leaves its loans with
 * loan_servicing_state.closed_through < D, so the resumable close takes them again.
 */
export async function tuneCloseBatch(db: DbOrTx, walCompression: string | null = null): Promise<void> {
  await db.execute(sql`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_mergejoin', 'off', true),
                              set_config('jit', 'off', true), set_config('synchronous_commit', 'off', true)${
                                walCompression
                                  ? sql`, set_config('wal_compression', ${walCompression}, true)`
                                  : sql``
                              }`);
}

/** How many open loans are not yet closed for `date` (claimed by someone else or not). */
export async function countLoansLeftToClose(db: DbOrTx, date: IsoDate): Promise<number> {
  const left = (await db.execute(sql`
    SELECT count(*)::int AS n FROM loans l JOIN loan_servicing_state st ON st.loan_id = l.id
     WHERE l.status IN ('active', 'overdue') AND st.closed_through < ${date}::date`)) as unknown as Rows<{
    n: number;
  }>;
  return Number(left.rows[0]?.n ?? 0);
}

/** Records that the close of `date` finished, adding `processed` loans to its count. */
export async function finishBusinessDay(
  db: DbOrTx,
  options: { date: IsoDate; now: Date; processed: number },
): Promise<void> {
  await db.execute(sql`
    UPDATE business_days SET status = 'done', finished_at = ${options.now.toISOString()}::timestamptz,
           loans_processed = loans_processed + ${options.processed}
     WHERE business_date = ${options.date}::date`);
}

/** The first business date some open loan has not been closed for, or null when every loan is up to date. */
export async function firstOpenDate(db: DbOrTx): Promise<IsoDate | null> {
  const result = (await db.execute(sql`
    SELECT (min(st.closed_through) + 1)::text AS d
      FROM loans l JOIN loan_servicing_state st ON st.loan_id = l.id
     WHERE l.status IN ('active', 'overdue')`)) as unknown as Rows<{
    d: string | null;
  }>;
  return result.rows[0]?.d ?? null;
}

/** The last business date whose close finished, or null before the first close. */
export async function lastClosedDate(db: DbOrTx): Promise<IsoDate | null> {
  const [row] = await db
    .select({ date: businessDays.businessDate })
    .from(businessDays)
    .where(eq(businessDays.status, 'done'))
    .orderBy(desc(businessDays.businessDate))
    .limit(1);
  return row?.date ?? null;
}
