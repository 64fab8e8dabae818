import { exponentialBackoff, type JobHandler } from '../../jobs/run-jobs';
import { findBorrowerPhone } from './messaging-repository';
import { sendByTelegram } from './send-by-telegram';
import { sendSms } from './send-sms';

/**
 * The job that sends an informational SMS (a decision, a signature, a payout) to the borrower's current phone.
 * A gateway failure is retried with back-off; after the last try the job is dead (the account shows the same news).
 * A borrower with a confirmed Telegram link gets it there instead; if Telegram fails, by SMS.
 */
export const sendInformationalSms: JobHandler<'sms.send'> = {
  leaseMs: () => 5 * 60_000,
  retryDelayMs: exponentialBackoff(5_000, 30 * 60_000),
  run: async (deps, { borrowerId, kind, text }) => {
    if (await sendByTelegram(deps, { borrowerId, kind, text })) return;
    const phone = await findBorrowerPhone(deps.db, borrowerId);
    if (phone) await sendSms(deps, phone, kind, text);
  },
};
