import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns';

/** The states of a job: waiting (or waiting for a retry), held by a worker under a lease, finished, given up. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'dead'] as const;

/**
 * The one job queue (src/server/jobs): payouts, SMS, the close of business. A job is written in the same
 * transaction as its cause, so work whose cause committed is never lost; workers claim due jobs with
 * FOR UPDATE SKIP LOCKED under a lease, retry with back-off and give up into `dead` after `max_attempts`.
 * `dedupe_key` makes enqueueing idempotent (a webhook delivered twice enqueues one SMS).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    queue: text('queue').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    /** Not run before this instant (business clock). */
    runAt: instant('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(10),
    /** While `running`: the claiming worker owns the job until then; after, another worker may take it over. */
    leaseUntil: instant('lease_until'),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key').unique(),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    index('jobs_due_idx')
      .on(t.queue, t.runAt)
      .where(sql`status in ('queued', 'running')`),
    check('jobs_status_check', sql`${t.status} in ('queued', 'running', 'done', 'dead')`),
  ],
);
