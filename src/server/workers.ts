import type { Deps } from './deps';
import type { JobHandlers } from './jobs/run-jobs';
import { runDueJobs, startJobWorker } from './jobs/run-jobs';
import { expirePointsJob } from './modules/engagement/expire-points';
import { advertisingSendJob } from './modules/engagement/send-advertising';
import { erasePersonalDataJob, scheduleErasure } from './modules/identity/erase-personal-data';
import { sendPayout } from './modules/lending/process-payouts';
import { sendInformationalSms } from './modules/messaging/send-informational-sms';
import { sendMessageSms } from './modules/messaging/send-message-sms';
import { sendRelationshipEndLetter } from './modules/support/relationship-end';
import { closeOfBusiness, scheduleCloseOfBusiness } from './modules/servicing/close-of-business-job';

/** The SMS queues: in-account messages' copies and informational SMS. */
const messageHandlers: JobHandlers = { 'message.sms': sendMessageSms, 'sms.send': sendInformationalSms };

/** Every queue this instance works on: the close only where CLOSE_OF_BUSINESS is on, the erasure where PERSONAL_DATA_ERASURE is. */
export function jobHandlers(deps: Deps): JobHandlers {
  return {
    'payout.send': sendPayout,
    'points.expire': expirePointsJob,
    'advertising.send': advertisingSendJob,
    'email.relationship-end': sendRelationshipEndLetter,
    ...messageHandlers,
    ...(deps.config.servicing.closeOfBusiness ? { 'close-of-business': closeOfBusiness } : {}),
    ...(deps.config.support.erasure ? { 'personal-data.erase': erasePersonalDataJob } : {}),
  };
}

/** Starts this instance's job worker (after scheduling the recurring close if it runs it), unless JOB_WORKER=false. */
export async function startWorkers(deps: Deps): Promise<() => Promise<void>> {
  if (!deps.config.jobs.worker) return async () => undefined;
  if (deps.config.servicing.closeOfBusiness) await scheduleCloseOfBusiness(deps.db, deps.clock.now());
  if (deps.config.support.erasure) await scheduleErasure(deps.db, deps.clock.now());
  return startJobWorker(deps, jobHandlers(deps), deps.config.jobs.pollMs);
}

/** Sends every SMS that is due now on the business clock (tests and the demo drain the SMS queues with it). */
export const dispatchMessages = (deps: Deps) => runDueJobs(deps, messageHandlers);
