import type { Deps } from '../deps';
import { JOB_PAYLOADS, type JobPayload, type JobQueue } from './job-catalogue';
import { claimDueJobs, completeJob, failJob, rescheduleJob, type ClaimedJob } from './job-repository';

/** What a handler says when it returns: finished (nothing), or not yet — run it again at `runAgainAt`. */
export type JobOutcome = void | { runAgainAt: Date };

/** How one queue's jobs are done. */
export type JobHandler<Q extends JobQueue> = {
  /** How long a claim lasts: longer than the slowest honest run, or a second worker takes the job over. */
  leaseMs: (deps: Deps) => number;
  /** Delay before try n + 1 after try n failed (n ≥ 1); exponential from a base by default. */
  retryDelayMs?: (attempt: number) => number;
  run: (deps: Deps, payload: JobPayload<Q>, job: ClaimedJob) => Promise<JobOutcome>;
};

/** The handlers a worker runs, by queue; a worker may run only some queues. */
export type JobHandlers = { [Q in JobQueue]?: JobHandler<Q> };

/** 10 s, 20 s, 40 s, … up to an hour. */
export const exponentialBackoff =
  (baseMs: number, maxMs = 3_600_000) =>
  (attempt: number) =>
    Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);

const defaultBackoff = exponentialBackoff(10_000);

async function runOne<Q extends JobQueue>(
  deps: Deps,
  handler: JobHandler<Q>,
  job: ClaimedJob,
): Promise<void> {
  try {
    const payload = JOB_PAYLOADS[job.queue].parse(job.payload) as JobPayload<Q>;
    const outcome = await handler.run(deps, payload, job);
    if (outcome) await rescheduleJob(deps.db, job, outcome.runAgainAt, deps.clock.now());
    else await completeJob(deps.db, job, deps.clock.now());
  } catch (error) {
    const now = deps.clock.now();
    const delay = (handler.retryDelayMs ?? defaultBackoff)(job.attempts);
    const result = await failJob(deps.db, job, {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      retryAt: new Date(now.getTime() + delay),
      now,
    });
    deps.log[result === 'dead' ? 'error' : 'warn'](
      { err: error, queue: job.queue, jobId: job.id, attempt: job.attempts },
      result === 'dead' ? 'job given up' : 'job failed, will retry',
    );
  }
}

/**
 * Runs every job of the given queues that is due on the business clock now, until none is left, and returns how
 * many runs it made. A job rescheduled for a time still due is not run twice in one call. The worker loop calls
 * it; tests call it to drain a queue at a chosen moment of a TestClock.
 */
export async function runDueJobs(deps: Deps, handlers: JobHandlers, batch = 20): Promise<number> {
  let runs = 0;
  const seen = new Set<string>();
  for (const [queue, handler] of Object.entries(handlers) as [JobQueue, JobHandler<JobQueue>][]) {
    for (;;) {
      const claimed = await claimDueJobs(deps.db, {
        queue,
        now: deps.clock.now(),
        leaseMs: handler.leaseMs(deps),
        limit: batch,
        skip: [...seen],
      });
      for (const job of claimed) {
        seen.add(job.id);
        await runOne(deps, handler, job);
      }
      runs += claimed.length;
      if (claimed.length < batch) break;
    }
  }
  return runs;
}

/**
 * Polls the queues every `pollMs` (at once at start) and runs what is due, one pass at a time, until the returned
 * stop function is called; stop waits for the pass in progress. Any number of instances may run it: claims use
 * SKIP LOCKED, leases take over the jobs of a worker that died. A failing pass is logged, never fatal.
 */
export function startJobWorker(deps: Deps, handlers: JobHandlers, pollMs = 1_000): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<unknown> = Promise.resolve();
  const tick = () => {
    pass = runDueJobs(deps, handlers)
      .catch((error) => deps.log.error({ err: error }, 'job worker pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await pass;
  };
}

/**
 * Runs one job at once if it is still queued and due (after the commit that enqueued it), so its effect does not
 * wait for the next poll; if this process dies first, a worker runs it later. Never throws: a failure is recorded
 * on the job and retried by the workers.
 */
export async function runJobNow<Q extends JobQueue>(
  deps: Deps,
  queue: Q,
  handler: JobHandler<Q>,
  jobId: string,
) {
  try {
    const [job] = await claimDueJobs(deps.db, {
      queue,
      now: deps.clock.now(),
      leaseMs: handler.leaseMs(deps),
      limit: 1,
      only: jobId,
    });
    if (job) await runOne(deps, handler as JobHandler<JobQueue>, job);
  } catch (error) {
    deps.log.warn({ err: error, queue, jobId }, 'could not run the job at once; a worker will');
  }
}
