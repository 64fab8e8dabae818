import { addDays } from '../../../domain/calendar';
import type { DbOrTx } from '../../adapters/db/database';
import { ensureRecurringJob } from '../../jobs/job-repository';
import { exponentialBackoff, type JobHandler } from '../../jobs/run-jobs';
import { closeBusinessDaysThrough } from './close-business-day';
import { businessToday } from './loan-account';

/** How often the close looks for a finished business date. */
const CLOSE_CHECK_MS = 60_000;

/**
 * The recurring job of the close of business: closes every business date before today (closeBusinessDaysThrough)
 * and schedules itself a minute later. Safe on many instances: one job, claimed by one worker at a time; if that
 * worker dies, another takes the job over when the lease ends, and the close resumes where it stopped (each batch
 * is its own transaction, and a loan closed for a date is never taken again).
 */
export const closeOfBusiness: JobHandler<'close-of-business'> = {
  leaseMs: () => 15 * 60_000,
  retryDelayMs: exponentialBackoff(10_000, 5 * 60_000),
  run: async (deps) => {
    await closeBusinessDaysThrough(deps, addDays(businessToday(deps), -1));
    return { runAgainAt: new Date(deps.clock.now().getTime() + CLOSE_CHECK_MS) };
  },
};

/** Puts the recurring close into the queue (at start-up of an instance that runs the close). */
export async function scheduleCloseOfBusiness(db: DbOrTx, now: Date): Promise<void> {
  await ensureRecurringJob(db, {
    queue: 'close-of-business',
    payload: {},
    runAt: now,
    dedupeKey: 'close-of-business',
    // A recurring job is never given up: it keeps trying at most every five minutes.
    maxAttempts: 2_147_483_647,
  });
}
