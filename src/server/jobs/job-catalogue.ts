import { z } from 'zod';

/**
 * Every kind of background work, by queue name, with the shape of its payload. A payload holds ids, never the
 * data itself (the handler reads the current state), except an informational SMS's text, which is the event.
 */
export const JOB_PAYLOADS = {
  /** Send (or ask about) one payout of a signed contract; cooling-off delays it (`runAt`). */
  'payout.send': z.object({ payoutId: z.uuid() }),
  /** The SMS copy of one in-account message, within the hours and limits of 230-FZ for overdue debt. */
  'message.sms': z.object({ notificationId: z.uuid() }),
  /** An informational SMS (a decision, a signature, a payout) to the borrower's current phone. */
  'sms.send': z.object({ borrowerId: z.uuid(), kind: z.string().max(64), text: z.string().max(1000) }),
  /** The recurring close of business: closes every finished business date, then schedules itself again. */
  'close-of-business': z.object({}),
  /** The recurring erasure of personal data of ended relationships past erase_after (PERSONAL_DATA_ERASURE). */
  'personal-data.erase': z.object({}),
  /** The expiry of what is left of one earned lot of bonus points, on its expiry date. */
  'points.expire': z.object({ lotId: z.uuid() }),
  /** The letter with the confirmation PDF of an ended relationship, to the borrower's confirmed e-mail if any. */
  'email.relationship-end': z.object({ requestId: z.uuid() }),
  /** One advertising send (a campaign or an offer) to its audience, a batch of borrowers per run, within the hours. */
  'advertising.send': z.object({ sendId: z.uuid() }),
} as const;

/** A queue's name. */
export type JobQueue = keyof typeof JOB_PAYLOADS;

/** The payload a queue's jobs carry. */
export type JobPayload<Q extends JobQueue> = z.infer<(typeof JOB_PAYLOADS)[Q]>;

export const JOB_QUEUES = Object.keys(JOB_PAYLOADS) as JobQueue[];
