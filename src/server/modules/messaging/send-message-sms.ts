import { COLLECTION_RULES_230FZ, collectionMessageDecision } from '../../../domain/collections';
import { loadProductionCalendar } from '../servicing/production-calendar';
import { exponentialBackoff, type JobHandler } from '../../jobs/run-jobs';
import { findMessageForSms, overdueSmsSentSince, updateMessageSms } from './messaging-repository';
import { sendByTelegram } from './send-by-telegram';
import { sendSms } from './send-sms';
import { mayAdvertise } from '../engagement/advertising-consent';
import { advertisingWindow } from '../engagement/send-advertising';

const DAY_MS = 86_400_000;

/**
 * The job that sends the SMS copy of one in-account message. A message switched off meanwhile is not sent; an
 * advertising message goes only while the advertising consent stands (suppressed otherwise) and within the message
 * hours (engagement/send-advertising.ts advertisingWindow).
 * Overdue notices go only within the hours and limits of 230-FZ art. 7 (collectionMessageDecision, with the
 * production calendar: holidays have the weekend hours): outside the
 * hours the job waits for the next window, over a limit the SMS is suppressed (the message stays in the account).
 * A gateway failure is retried with back-off (5 s, 10 s, … at most 30 min apart).
 * Within the same hours and limits, a borrower with a confirmed Telegram link gets the message there instead
 * (`channel` telegram); if Telegram fails, by SMS. A withdrawal of the advertising consent stops what is still queued
 * (38-FZ art. 18).
 */
export const sendMessageSms: JobHandler<'message.sms'> = {
  leaseMs: () => 5 * 60_000,
  retryDelayMs: exponentialBackoff(5_000, 30 * 60_000),
  run: async (deps, { notificationId }) => {
    const message = await findMessageForSms(deps.db, notificationId);
    if (!message || message.smsStatus !== 'queued') return;
    const now = deps.clock.now();
    if (message.kind === 'advertising') {
      // 38-FZ art. 18: a consent withdrawn after the message was queued stops its SMS; only within the hours.
      if (!(await mayAdvertise(deps.db, message.borrowerId))) {
        await updateMessageSms(deps.db, message.id, { smsStatus: 'suppressed' });
        return;
      }
      const window = await advertisingWindow(deps, now);
      if (!window.open) {
        await updateMessageSms(deps.db, message.id, { notBefore: window.opensAt });
        return { runAgainAt: window.opensAt };
      }
    }
    if (message.kind === 'overdue') {
      const sent = await overdueSmsSentSince(
        deps.db,
        message.borrowerId,
        new Date(now.getTime() - 31 * DAY_MS),
      );
      // A public holiday or a transferred day off counts like a weekend (09:00–20:00), by the calendar table.
      const decision = collectionMessageDecision(
        now,
        sent,
        deps.config.timeZone,
        COLLECTION_RULES_230FZ,
        await loadProductionCalendar(deps.db),
      );
      if (!decision.send) {
        if (decision.reason === 'limit') {
          await updateMessageSms(deps.db, message.id, { smsStatus: 'suppressed' });
          return;
        }
        await updateMessageSms(deps.db, message.id, { notBefore: decision.retryAt });
        return { runAgainAt: decision.retryAt };
      }
    }
    if (await sendByTelegram(deps, message)) {
      await updateMessageSms(deps.db, message.id, { smsStatus: 'sent', sentAt: now, channel: 'telegram' });
      return;
    }
    await sendSms(deps, message.phone, message.kind, message.text);
    await updateMessageSms(deps.db, message.id, { smsStatus: 'sent', sentAt: now, channel: 'sms' });
  },
};
