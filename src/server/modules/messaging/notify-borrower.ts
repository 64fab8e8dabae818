import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { enqueueJob } from '../../jobs/job-repository';
import { runJobNow } from '../../jobs/run-jobs';
import { sendInformationalSms } from './send-informational-sms';

/** Sends a queued informational SMS at once; call it after the transaction that queued it has committed. */
export type SendNow = () => Promise<void>;

/**
 * An informational SMS (a decision, a signature, a payout) to the borrower. Queued as a job in the caller's
 * transaction `db`, so it is sent if and only if its cause commits — even if this process dies right after the
 * commit (a worker sends it then). Returns `sendNow`, which the caller runs after the commit so the SMS goes out
 * without waiting for a worker's poll; a failed gateway never undoes the cause (the job retries).
 */
export async function notifyBorrower(
  deps: Deps,
  db: DbOrTx,
  sms: { borrowerId: string; kind: string; text: string },
): Promise<SendNow> {
  const jobId = await enqueueJob(db, { queue: 'sms.send', payload: sms, runAt: deps.clock.now() });
  return async () => {
    if (jobId) await runJobNow(deps, 'sms.send', sendInformationalSms, jobId);
  };
}
