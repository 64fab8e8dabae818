import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../adapters/db/database';
import { jobs } from '../adapters/db/schema-jobs';
import type { JobPayload, JobQueue } from './job-catalogue';

/** A job as a worker holds it after claiming it. */
export type ClaimedJob = {
  id: string;
  queue: JobQueue;
  payload: Record<string, unknown>;
  /** 1 on the first try; a crash while running counts as a try. */
  attempts: number;
  maxAttempts: number;
};

/** What to enqueue: `runAt` on the business clock; `dedupeKey` makes a repeated enqueue a no-op. */
export type NewJob<Q extends JobQueue> = {
  queue: Q;
  payload: JobPayload<Q>;
  runAt: Date;
  dedupeKey?: string;
  maxAttempts?: number;
};

/**
 * Adds a job. Call it with the transaction of the job's cause (an outbox): the job exists exactly when its cause
 * committed. With a `dedupeKey` already taken, nothing is added. Returns the new job's id, or null if none was added.
 */
export async function enqueueJob<Q extends JobQueue>(db: DbOrTx, job: NewJob<Q>): Promise<string | null> {
  const added = await db
    .insert(jobs)
    .values({
      queue: job.queue,
      payload: job.payload,
      runAt: job.runAt,
      dedupeKey: job.dedupeKey ?? null,
      ...(job.maxAttempts ? { maxAttempts: job.maxAttempts } : {}),
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return added[0]?.id ?? null;
}

/**
 * Claims up to `limit` jobs of one queue that are due at `now`: queued ones whose time has come, and running ones
 * whose lease ran out (their worker died). FOR UPDATE SKIP LOCKED: two workers never claim the same job. Each
 * claim counts as an attempt and holds the job until `now + leaseMs`. Jobs in `skip` are left alone.
 */
export async function claimDueJobs(
  db: DbOrTx,
  options: {
    queue: JobQueue;
    now: Date;
    leaseMs: number;
    limit: number;
    skip?: readonly string[];
    /** Claim this one job only (if it is due). */
    only?: string;
  },
): Promise<ClaimedJob[]> {
  const { queue, now, leaseMs, limit, skip = [], only } = options;
  const nowIso = now.toISOString();
  const leaseIso = new Date(now.getTime() + leaseMs).toISOString();
  // RETURNING does not keep the subquery's order: the outer SELECT gives the jobs in their due order (FIFO).
  const claimed = (await db.execute(sql`
    WITH taken AS (
    UPDATE jobs SET status = 'running', attempts = attempts + 1,
                    lease_until = ${leaseIso}::timestamptz, updated_at = ${nowIso}::timestamptz
     WHERE id IN (
       SELECT id FROM jobs
        WHERE queue = ${queue}
          AND ((status = 'queued' AND run_at <= ${nowIso}::timestamptz)
               OR (status = 'running' AND lease_until < ${nowIso}::timestamptz))
          AND NOT (id::text = ANY (string_to_array(${skip.join(',')}, ',')))
          AND (${only ?? null}::uuid IS NULL OR id = ${only ?? null}::uuid)
        ORDER BY run_at, created_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, queue, payload, attempts, max_attempts, run_at, created_at)
    SELECT id, queue, payload, attempts, max_attempts FROM taken ORDER BY run_at, created_at, id`)) as unknown as {
    rows: {
      id: string;
      queue: JobQueue;
      payload: Record<string, unknown>;
      attempts: number;
      max_attempts: number;
    }[];
  };
  return claimed.rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    payload: r.payload,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
  }));
}

/** Only the claim that is still current may settle a job (a worker whose lease was taken over may not). */
const stillHeld = (job: ClaimedJob) =>
  and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.attempts, job.attempts));

/** The job is finished. */
export async function completeJob(db: DbOrTx, job: ClaimedJob, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'done', leaseUntil: null, finishedAt: now, updatedAt: now, lastError: null })
    .where(stillHeld(job));
}

/**
 * The job is not finished but nothing failed (a payout still pending, an SMS outside the permitted hours, the
 * next close): it waits until `runAt`, and its attempts start again from zero.
 */
export async function rescheduleJob(db: DbOrTx, job: ClaimedJob, runAt: Date, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'queued', runAt, attempts: 0, leaseUntil: null, updatedAt: now })
    .where(stillHeld(job));
}

/**
 * The try failed: the job is retried at `retryAt`, or, when it has used all its attempts, it is given up
 * (`dead`, the dead-letter state an operator looks at) with the error kept.
 */
export async function failJob(
  db: DbOrTx,
  job: ClaimedJob,
  failure: { error: string; retryAt: Date; now: Date },
): Promise<'retry' | 'dead'> {
  const dead = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: dead ? 'dead' : 'queued',
      runAt: failure.retryAt,
      leaseUntil: null,
      lastError: failure.error.slice(0, 2000),
      updatedAt: failure.now,
      ...(dead ? { finishedAt: failure.now } : {}),
    })
    .where(stillHeld(job));
  return dead ? 'dead' : 'retry';
}

/** How many jobs each queue holds in each state: the queue's visible state for operators and tests. */
export async function jobCounts(db: DbOrTx): Promise<{ queue: string; status: string; count: number }[]> {
  const rows = await db
    .select({ queue: jobs.queue, status: jobs.status, count: sql<number>`count(*)::int` })
    .from(jobs)
    .groupBy(jobs.queue, jobs.status)
    .orderBy(jobs.queue, jobs.status);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** The jobs given up on, newest first, with their last error. */
export async function deadJobs(db: DbOrTx, limit = 100) {
  return db
    .select({
      id: jobs.id,
      queue: jobs.queue,
      attempts: jobs.attempts,
      lastError: jobs.lastError,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(eq(jobs.status, 'dead'))
    .orderBy(sql`${jobs.finishedAt} desc`)
    .limit(limit);
}

/**
 * Makes sure a recurring job (one per `dedupeKey`) exists and will run: adds it, or brings back one that was
 * finished or given up. A queued or running one is left as it is.
 */
export async function ensureRecurringJob<Q extends JobQueue>(
  db: DbOrTx,
  job: NewJob<Q> & { dedupeKey: string },
): Promise<void> {
  await db
    .insert(jobs)
    .values({
      queue: job.queue,
      payload: job.payload,
      runAt: job.runAt,
      dedupeKey: job.dedupeKey,
      ...(job.maxAttempts ? { maxAttempts: job.maxAttempts } : {}),
    })
    .onConflictDoUpdate({
      target: jobs.dedupeKey,
      set: { status: 'queued', runAt: job.runAt, attempts: 0, leaseUntil: null, finishedAt: null },
      setWhere: sql`${jobs.status} in ('done', 'dead')`,
    });
}
