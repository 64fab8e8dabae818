import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/adapters/db/database';
import { jobs } from '../../src/server/adapters/db/schema-jobs';
import type { Deps } from '../../src/server/deps';
import {
  claimDueJobs,
  completeJob,
  enqueueJob,
  ensureRecurringJob,
  failJob,
  jobCounts,
} from '../../src/server/jobs/job-repository';
import { runDueJobs, type JobHandler } from '../../src/server/jobs/run-jobs';
import { backends, freshDatabase } from '../support/databases';
import { TestClock } from '../support/test-app';

const BORROWER = '00000000-0000-4000-8000-000000000001';

describe.each(backends())('the job queue (%s)', (backend) => {
  let database: Database;
  let clock: TestClock;
  let deps: Deps;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.db.delete(jobs);
    clock = new TestClock();
    deps = { db: database.db, clock, log: pino({ level: 'silent' }) } as unknown as Deps;
  });

  const job = (text: string, extra: { dedupeKey?: string; maxAttempts?: number; runAt?: Date } = {}) => ({
    queue: 'sms.send' as const,
    payload: { borrowerId: BORROWER, kind: 'test', text },
    runAt: extra.runAt ?? clock.now(),
    ...extra,
  });
  const recorder = (behaviour: (text: string) => void | { runAgainAt: Date } = () => undefined) => {
    const seen: string[] = [];
    const handler: JobHandler<'sms.send'> = {
      leaseMs: () => 60_000,
      retryDelayMs: () => 1_000,
      run: async (_deps, payload) => {
        seen.push(payload.text);
        return behaviour(payload.text);
      },
    };
    return { seen, handlers: { 'sms.send': handler } };
  };
  const statusOf = async (text: string) =>
    (await database.db.select().from(jobs)).find((j) => (j.payload as { text: string }).text === text);

  it('a job enqueued in a transaction that rolls back does not exist', async () => {
    await database.db
      .transaction(async (tx) => {
        await enqueueJob(tx, job('rolled back'));
        throw new Error('cause failed');
      })
      .catch(() => undefined);
    await database.db.transaction((tx) => enqueueJob(tx, job('committed')));
    const { seen, handlers } = recorder();
    await runDueJobs(deps, handlers);
    expect(seen).toEqual(['committed']);
  });

  it('enqueueing with a taken dedupe key adds nothing', async () => {
    expect(await enqueueJob(database.db, job('once', { dedupeKey: 'k1' }))).toEqual(expect.any(String));
    expect(await enqueueJob(database.db, job('twice', { dedupeKey: 'k1' }))).toBeNull();
    const { seen, handlers } = recorder();
    await runDueJobs(deps, handlers);
    expect(seen).toEqual(['once']);
  });

  it('runs a job only when it is due on the business clock', async () => {
    await enqueueJob(database.db, job('later', { runAt: new Date(clock.now().getTime() + 3_600_000) }));
    const { seen, handlers } = recorder();
    expect(await runDueJobs(deps, handlers)).toBe(0);
    clock.advance(3_600_000);
    expect(await runDueJobs(deps, handlers)).toBe(1);
    expect(seen).toEqual(['later']);
    expect((await statusOf('later'))?.status).toBe('done');
  });

  it('two workers draining at once run each of 30 jobs exactly once', async () => {
    for (let i = 0; i < 30; i++) await enqueueJob(database.db, job(`j${i}`));
    const a = recorder();
    const b = recorder();
    await Promise.all([runDueJobs(deps, a.handlers, 5), runDueJobs(deps, b.handlers, 5)]);
    const all = [...a.seen, ...b.seen].sort();
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
  });

  it('retries a failing job with back-off and gives it up as dead after its last attempt', async () => {
    await enqueueJob(database.db, job('flaky', { maxAttempts: 3 }));
    const { seen, handlers } = recorder(() => {
      throw new Error('gateway down');
    });
    await runDueJobs(deps, handlers);
    expect(await statusOf('flaky')).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'Error: gateway down',
    });
    expect(await runDueJobs(deps, handlers)).toBe(0); // the back-off delay has not passed
    clock.advance(1_000);
    await runDueJobs(deps, handlers);
    clock.advance(1_000);
    await runDueJobs(deps, handlers);
    expect(seen).toEqual(['flaky', 'flaky', 'flaky']);
    expect(await statusOf('flaky')).toMatchObject({ status: 'dead', attempts: 3 });
    clock.advance(60_000);
    expect(await runDueJobs(deps, handlers)).toBe(0);
    expect(await jobCounts(database.db)).toEqual([{ queue: 'sms.send', status: 'dead', count: 1 }]);
  });

  it('a job whose worker died is taken over when its lease runs out', async () => {
    await enqueueJob(database.db, job('orphan'));
    // A worker claimed it and died: running, lease until a minute from now.
    await database.db
      .update(jobs)
      .set({ status: 'running', attempts: 1, leaseUntil: new Date(clock.now().getTime() + 60_000) });
    const { seen, handlers } = recorder();
    expect(await runDueJobs(deps, handlers)).toBe(0);
    clock.advance(60_001);
    await runDueJobs(deps, handlers);
    expect(seen).toEqual(['orphan']);
    expect(await statusOf('orphan')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a job that is not finished yet waits for its new time without using up attempts', async () => {
    await enqueueJob(database.db, job('poll', { maxAttempts: 1 }));
    let polls = 0;
    const { handlers } = recorder(() =>
      ++polls < 3 ? { runAgainAt: new Date(clock.now().getTime() + 2_000) } : undefined,
    );
    await runDueJobs(deps, handlers);
    expect(await statusOf('poll')).toMatchObject({ status: 'queued', attempts: 0 });
    clock.advance(2_000);
    await runDueJobs(deps, handlers);
    clock.advance(2_000);
    await runDueJobs(deps, handlers);
    expect(polls).toBe(3);
    expect((await statusOf('poll'))?.status).toBe('done');
  });

  it('a worker whose lease was taken over cannot settle the job any more', async () => {
    await enqueueJob(database.db, job('slow'));
    const claim = (limit = 1) =>
      claimDueJobs(database.db, { queue: 'sms.send', now: clock.now(), leaseMs: 60_000, limit });
    const [first] = await claim();
    clock.advance(60_001); // the first worker is stuck past its lease
    const [second] = await claim();
    expect(second).toMatchObject({ id: first!.id, attempts: 2 });
    await failJob(database.db, first!, { error: 'late', retryAt: clock.now(), now: clock.now() });
    expect(await statusOf('slow')).toMatchObject({ status: 'running', attempts: 2, lastError: null });
    await completeJob(database.db, second!, clock.now());
    expect((await statusOf('slow'))?.status).toBe('done');
  });

  it('a recurring job is brought back when it was finished or given up, and left alone while queued', async () => {
    const recurring = { ...job('tick'), dedupeKey: 'tick' };
    await ensureRecurringJob(database.db, recurring);
    await database.db.update(jobs).set({ status: 'dead', attempts: 9 });
    await ensureRecurringJob(database.db, recurring);
    expect(await statusOf('tick')).toMatchObject({ status: 'queued', attempts: 0 });
    const later = new Date(clock.now().getTime() + 99_000);
    await ensureRecurringJob(database.db, { ...recurring, runAt: later });
    expect((await statusOf('tick'))?.runAt.getTime()).toBe(recurring.runAt.getTime());
  });
});
