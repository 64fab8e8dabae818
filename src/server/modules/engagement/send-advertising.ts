import { createHash, randomBytes } from 'node:crypto';
import type { AdvertisingLink } from '../../../contracts/engagement';
import type { AdvertisingSend } from '../../../contracts/backoffice-engagement';
import { COLLECTION_RULES_230FZ, collectionMessageDecision } from '../../../domain/collections';
import { formatRub } from '../../../domain/money';
import { dailyRateText } from '../../../domain/rates';
import { formatRuDate } from '../../../domain/russian';
import type { StaffActor } from '../../actor';
import type { DbOrTx } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { enqueueJob } from '../../jobs/job-repository';
import type { JobHandler } from '../../jobs/run-jobs';
import { audit } from '../audit/audit';
import { loadProductionCalendar } from '../servicing/production-calendar';
import { businessToday } from '../servicing/loan-account';
import {
  ADVERTISING_CONSENT_WORDING,
  mayAdvertise,
  postAdvertising,
  withdrawAdvertisingConsent,
} from './advertising-consent';
import {
  advanceSend,
  audienceBatch,
  countDeliveries,
  findDeliveryByToken,
  findSend,
  insertDelivery,
  insertSend,
  latestSend,
  markLinkUsed,
  type AdvertisingSendRow,
  type AdvertisingSubject,
} from './advertising-repository';
import { findOffer, type OfferRow } from './offers-repository';
import { findCampaign, type CampaignRow } from './raffle-repository';

/**
 * Advertising sends (issue 14; 38-FZ art. 18 p. 1): a raffle campaign or a personal offer sent as an advertising
 * message (in the account and by SMS) to its audience — everyone for a campaign or an offer to everyone, the one
 * borrower of a personal offer — only to borrowers with the advertising consent at the moment of the send, never
 * after the relationship ended, within the message hours, once per borrower and campaign/offer. Each message ends
 * with a one-click withdrawal link (`/ad-stop/<token>`, 16 random bytes; only the SHA-256 is stored) that withdraws
 * the consent without signing in, once.
 */

/** Borrowers per run of the `advertising.send` job (one transaction each). */
export const ADVERTISING_BATCH = 200;

/** Where the withdrawal page lives (the borrower app's public page). */
const LINK_PATH = '/ad-stop/';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const absolute = (deps: Pick<Deps, 'config'>, path: string) =>
  `${deps.config.publicUrl?.replace(/\/+$/, '') ?? ''}${path}`;

/** The message of a campaign (without the withdrawal part). */
const campaignText = (deps: Pick<Deps, 'config'>, c: CampaignRow) =>
  `Розыгрыш «${c.title}»: ${c.prizeDescription}. Участие — за платежи вовремя с ${formatRuDate(c.startsOn)} по ` +
  `${formatRuDate(c.endsOn)}, итоги ${formatRuDate(c.drawOn)}. Правила: ${absolute(deps, `/draws/${c.id}`)}`;

/** The message of a personal offer (without the withdrawal part). */
function offerText(o: OfferRow): string {
  const parts = [
    ...(o.rateDiscountBp > 0 ? [`ставка ниже на ${dailyRateText(o.rateDiscountBp)}`] : []),
    ...(o.amountBonus > 0n ? [`сумма больше на ${formatRub(o.amountBonus)}`] : []),
  ];
  const code = o.promoCode ? ` Промокод ${o.promoCode}.` : '';
  return `${o.title}: ${parts.join(', ')} — до ${formatRuDate(o.validTo)}.${code}`;
}

/** A send as the back office shows it. */
export async function sendView(db: DbOrTx, row: AdvertisingSendRow): Promise<AdvertisingSend> {
  return {
    id: row.id,
    status: row.status,
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    sent: row.sent,
    skippedNoConsent: row.skippedNoConsent,
    skippedEnded: row.skippedEnded,
    skippedAlready: row.skippedAlready,
    deliveredTotal: await countDeliveries(db, row.subject, row.subjectId),
  };
}

/** The latest send of a campaign or an offer as the back office shows it, or null when it was never sent. */
export async function latestSendView(
  db: DbOrTx,
  subject: AdvertisingSubject,
  subjectId: string,
): Promise<AdvertisingSend | null> {
  const row = await latestSend(db, subject, subjectId);
  return row ? sendView(db, row) : null;
}

/**
 * Queues a send of a campaign or an offer in the caller's transaction (with its `advertising.send` job: an
 * outbox), audited. A send of the same subject still in progress is returned instead of a second one.
 */
export async function queueAdvertising(
  deps: Pick<Deps, 'clock' | 'config'>,
  tx: DbOrTx,
  input: {
    actor: StaffActor;
    subject: AdvertisingSubject;
    subjectId: string;
    text: string;
    meta: RequestMeta;
  },
): Promise<AdvertisingSendRow> {
  const running = await latestSend(tx, input.subject, input.subjectId);
  if (running?.status === 'queued') return running;
  const now = deps.clock.now();
  const row = await insertSend(tx, {
    subject: input.subject,
    subjectId: input.subjectId,
    text: input.text,
    requestedBy: `staff:${input.actor.staffId}`,
    requestedAt: now,
  });
  await enqueueJob(tx, {
    queue: 'advertising.send',
    payload: { sendId: row.id },
    runAt: now,
    dedupeKey: `advertising-send:${row.id}`,
  });
  await audit(tx, {
    actor: input.actor,
    action: `backoffice.${input.subject}.advertised`,
    subjectId: input.subjectId,
    details: { sendId: row.id },
    meta: input.meta,
  });
  return row;
}

/**
 * Queues the advertising of a published campaign whose entries are still open (CAMPAIGN_NOT_FOUND,
 * CAMPAIGN_WRONG_STATE otherwise), in the caller's transaction (publishing calls it in its own).
 */
export async function queueCampaignAdvertising(
  deps: Pick<Deps, 'clock' | 'config'>,
  tx: DbOrTx,
  input: { actor: StaffActor; id: string; meta: RequestMeta; today: string },
): Promise<AdvertisingSendRow> {
  const campaign = await findCampaign(tx, input.id);
  if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
  if (campaign.status !== 'published' || input.today > campaign.endsOn)
    throw new AppError('CAMPAIGN_WRONG_STATE', {
      detail: 'Разослать можно опубликованный розыгрыш до окончания приёма участий',
    });
  return queueAdvertising(deps, tx, {
    actor: input.actor,
    subject: 'campaign',
    subjectId: campaign.id,
    text: campaignText(deps, campaign),
    meta: input.meta,
  });
}

/** «Разослать» on a campaign in the back office (engagement.manage). */
export const advertiseCampaign = (deps: Deps, input: { actor: StaffActor; id: string; meta: RequestMeta }) =>
  deps.db.transaction(async (tx) =>
    sendView(tx, await queueCampaignAdvertising(deps, tx, { ...input, today: businessToday(deps) })),
  );

/**
 * Queues the advertising of an offer in force (OFFER_NOT_FOUND, OFFER_NOT_IN_FORCE after its last day), in the
 * caller's transaction.
 */
export async function queueOfferAdvertising(
  deps: Pick<Deps, 'clock' | 'config'>,
  tx: DbOrTx,
  input: { actor: StaffActor; id: string; meta: RequestMeta; today: string },
): Promise<AdvertisingSendRow> {
  const offer = await findOffer(tx, input.id);
  if (!offer) throw new AppError('OFFER_NOT_FOUND');
  if (input.today > offer.validTo) throw new AppError('OFFER_NOT_IN_FORCE');
  return queueAdvertising(deps, tx, {
    actor: input.actor,
    subject: 'offer',
    subjectId: offer.id,
    text: offerText(offer),
    meta: input.meta,
  });
}

/** «Разослать» on an offer in the back office (engagement.manage). */
export const advertiseOffer = (deps: Deps, input: { actor: StaffActor; id: string; meta: RequestMeta }) =>
  deps.db.transaction(async (tx) =>
    sendView(tx, await queueOfferAdvertising(deps, tx, { ...input, today: businessToday(deps) })),
  );

/**
 * Whether advertising may go out at `now`: the lender's message hours — the local hours of 230-FZ art. 7 (08–22 on
 * working days, 09–20 on weekends and holidays, by the production calendar), which the lender keeps for every
 * message it starts; 38-FZ sets no hours of its own. Without the per-day limits (those are for overdue debt).
 */
export async function advertisingWindow(
  deps: Pick<Deps, 'db' | 'config'>,
  now: Date,
): Promise<{ open: true } | { open: false; opensAt: Date }> {
  const decision = collectionMessageDecision(
    now,
    [],
    deps.config.timeZone,
    COLLECTION_RULES_230FZ,
    await loadProductionCalendar(deps.db),
  );
  // No earlier messages are counted, so the answer is never `limit`.
  if (decision.send || decision.reason === 'limit') return { open: true };
  return { open: false, opensAt: decision.retryAt };
}

/**
 * One batch of a send, in one transaction under the send's lock: the next ADVERTISING_BATCH borrowers after the
 * cursor; a borrower whose relationship ended or who has no advertising consent is skipped (counted), one who got
 * this subject before is skipped; the others get the message (in the account, its SMS queued) with their own
 * withdrawal link. Returns whether borrowers are left.
 */
async function sendBatch(deps: Deps, sendId: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const send = await findSend(tx, sendId, true);
    if (!send || send.status === 'done') return false;
    const offer = send.subject === 'offer' ? await findOffer(tx, send.subjectId) : null;
    const batch = await audienceBatch(tx, {
      only: offer?.borrowerId ?? null,
      after: send.cursor,
      limit: ADVERTISING_BATCH,
    });
    const counts = { sent: 0, skippedNoConsent: 0, skippedEnded: 0, skippedAlready: 0 };
    const now = deps.clock.now();
    for (const borrower of batch) {
      if (borrower.endedAt) counts.skippedEnded += 1;
      else if (!(await mayAdvertise(tx, borrower.id))) counts.skippedNoConsent += 1;
      else {
        const token = randomBytes(16).toString('base64url');
        const first = await insertDelivery(tx, {
          sendId,
          subject: send.subject,
          subjectId: send.subjectId,
          borrowerId: borrower.id,
          tokenHash: sha256(token),
          createdAt: now,
        });
        if (!first) counts.skippedAlready += 1;
        else {
          await postAdvertising(deps, tx, {
            borrowerId: borrower.id,
            text: send.text,
            dedupeKey: `advertising:${send.subject}:${send.subjectId}:${borrower.id}`,
            withdrawUrl: absolute(deps, `${LINK_PATH}${token}`),
          });
          counts.sent += 1;
        }
      }
    }
    const more = batch.length === ADVERTISING_BATCH;
    await advanceSend(tx, sendId, {
      cursor: batch.at(-1)?.id ?? send.cursor,
      ...counts,
      finishedAt: more ? null : now,
    });
    return more;
  });
}

/**
 * The `advertising.send` job: outside the message hours it waits for the next window; otherwise it does one batch
 * and runs again at once while borrowers are left. A crash rolls the batch back whole, so a rerun sends nothing
 * twice (and the deliveries' uniqueness and the messages' dedupe keys guard it again).
 */
export const advertisingSendJob: JobHandler<'advertising.send'> = {
  leaseMs: () => 5 * 60_000,
  run: async (deps, { sendId }) => {
    const now = deps.clock.now();
    const window = await advertisingWindow(deps, now);
    if (!window.open) return { runAgainAt: window.opensAt };
    return (await sendBatch(deps, sendId)) ? { runAgainAt: now } : undefined;
  },
};

/** The state of a withdrawal link (ADVERTISING_LINK_NOT_FOUND for a token nobody was sent). */
export async function showAdvertisingLink(deps: Deps, input: { token: string }): Promise<AdvertisingLink> {
  const delivery = await findDeliveryByToken(deps.db, sha256(input.token));
  if (!delivery) throw new AppError('ADVERTISING_LINK_NOT_FOUND');
  return { used: delivery.usedAt !== null, wording: ADVERTISING_CONSENT_WORDING.text };
}

/**
 * Withdraws the advertising consent of the borrower the link was sent to, without signing in (38-FZ art. 18 p. 1:
 * stopped at once on the subscriber's request): once per link (ADVERTISING_LINK_USED after), an unknown token
 * answers ADVERTISING_LINK_NOT_FOUND. The withdrawal is an event with the time, address and wording version and an
 * audit record, like the account's switch; sends after it skip the borrower and queued SMS are not sent.
 */
export async function useAdvertisingLink(
  deps: Deps,
  input: { token: string; meta: RequestMeta },
): Promise<{ withdrawn: true }> {
  return deps.db.transaction(async (tx) => {
    const delivery = await findDeliveryByToken(tx, sha256(input.token), true);
    if (!delivery) throw new AppError('ADVERTISING_LINK_NOT_FOUND');
    if (!(await markLinkUsed(tx, delivery.id, deps.clock.now()))) throw new AppError('ADVERTISING_LINK_USED');
    await withdrawAdvertisingConsent(deps, tx, {
      borrowerId: delivery.borrowerId,
      meta: input.meta,
      via: `link:${delivery.id}`,
    });
    return { withdrawn: true as const };
  });
}
