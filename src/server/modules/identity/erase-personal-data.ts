import { dateInZone } from '../../../domain/calendar';
import { ensureRecurringJob } from '../../jobs/job-repository';
import { exponentialBackoff, type JobHandler } from '../../jobs/run-jobs';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { audit } from '../audit/audit';
import { erasePersonalData, listDueForErasure } from './erasure-repository';

/** How often the erasure looks for ended relationships past their retention period. */
export const ERASURE_CHECK_MS = 6 * 3_600_000;
const BATCH = 100;

/**
 * Erases the personal data of every ended relationship whose retention period is over (erase_after before today in
 * the lender's time zone; 152-FZ art. 21 part 7: personal data are destroyed when the purpose is reached and the
 * legally required keeping is over). Each borrower in a transaction of its own: the fields are replaced in place
 * (erasePersonalData lists what goes and what stays), `erased_at` is set and an audit record
 * `identity.personal-data.erased` by the system is written. Idempotent: an erased borrower is never taken again.
 * Returns how many were erased.
 */
export async function eraseDuePersonalData(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'cipher'>) {
  const now = deps.clock.now();
  const today = dateInZone(now, deps.config.timeZone);
  const sealedPassport = deps.cipher.encrypt('0000 000000');
  let erased = 0;
  for (;;) {
    const due = await listDueForErasure(deps.db, today, BATCH);
    for (const borrowerId of due) {
      const done = await deps.db.transaction(async (tx) => {
        if (!(await erasePersonalData(tx, { borrowerId, today, at: now, sealedPassport }))) return false;
        await audit(tx, {
          actor: { kind: 'system' },
          action: 'identity.personal-data.erased',
          subjectId: borrowerId,
          details: { on: today },
        });
        return true;
      });
      if (done) erased += 1;
    }
    if (due.length < BATCH) return erased;
  }
}

/** The recurring job of the erasure: runs eraseDuePersonalData, then again ERASURE_CHECK_MS later. */
export const erasePersonalDataJob: JobHandler<'personal-data.erase'> = {
  leaseMs: () => 30 * 60_000,
  retryDelayMs: exponentialBackoff(60_000, 30 * 60_000),
  run: async (deps) => {
    const erased = await eraseDuePersonalData(deps);
    if (erased) deps.log.info({ erased }, 'personal data of ended relationships erased');
    return { runAgainAt: new Date(deps.clock.now().getTime() + ERASURE_CHECK_MS) };
  },
};

/** Puts the recurring erasure into the queue (at start-up of an instance that runs it). */
export async function scheduleErasure(db: DbOrTx, now: Date): Promise<void> {
  await ensureRecurringJob(db, {
    queue: 'personal-data.erase',
    payload: {},
    runAt: now,
    dedupeKey: 'personal-data.erase',
    maxAttempts: 2_147_483_647,
  });
}
