import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, kopecks } from './columns';
import { borrowers } from './schema';
import { payments } from './schema-servicing';

/**
 * Bonus points: a non-cash double-entry ledger of its own, separate from the money ledger. An account per borrower
 * (`borrower:<id>`) and the system accounts `pool` (points issued), `redeemed` (spent) and `expired`. Every entry's
 * postings sum to zero and a borrower's account never goes below zero — both checked by the database at commit;
 * nothing booked is ever changed or deleted (the migration's hand-written triggers).
 */
export const pointsAccounts = pgTable('points_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  borrowerId: uuid('borrower_id')
    .unique()
    .references(() => borrowers.id),
  createdAt: createdAt(),
});

/**
 * One movement of a borrower's points with its cause: earned (with the lot's expiry date), spent, or expired
 * (`lot_id`: the earning entry whose remainder expired). `idempotency_key` is unique per cause
 * (`payment_on_time:<payment id>`, `expire:<lot id>`), so a repeated event books nothing.
 */
export const pointsEntries = pgTable(
  'points_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Booking order (several entries may share one transaction's timestamp). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    kind: text('kind', { enum: ['earn', 'spend', 'expire'] }).notNull(),
    cause: text('cause').notNull(),
    causeId: text('cause_id'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    points: bigint('points', { mode: 'number' }).notNull(),
    lotId: uuid('lot_id'),
    expiresOn: date('expires_on', { mode: 'string' }),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('points_entries_borrower_idx').on(t.borrowerId, t.seq)],
);

/** Credits to a borrower positive, the issuer's pool negative; an entry's postings sum to zero. */
export const pointsPostings = pgTable(
  'points_postings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => pointsEntries.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => pointsAccounts.id),
    points: bigint('points', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('points_postings_account_idx').on(t.accountId),
    index('points_postings_entry_idx').on(t.entryId),
  ],
);

/**
 * A raffle campaign, set up and published by a senior. The draw is verifiable: `seed_commitment` (SHA-256 of the
 * secret seed) is public from publication; `entries_hash` (SHA-256 of the ordered entry ids) when entries close;
 * `seed` is revealed at the draw (kept encrypted with the field cipher until then).
 */
export const raffleCampaigns = pgTable('raffle_campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  organiser: text('organiser').notNull(),
  prizeFund: kopecks('prize_fund').notNull(),
  prizesCount: integer('prizes_count').notNull(),
  prizeDescription: text('prize_description').notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  drawOn: date('draw_on', { mode: 'string' }).notNull(),
  winnersNotice: text('winners_notice').notNull(),
  status: text('status', { enum: ['draft', 'published', 'closed', 'drawn'] })
    .notNull()
    .default('draft'),
  seedEncrypted: text('seed_encrypted').notNull(),
  seedCommitment: text('seed_commitment').notNull(),
  entriesHash: text('entries_hash'),
  entriesCount: integer('entries_count'),
  seed: text('seed'),
  createdBy: uuid('created_by').notNull(),
  publishedBy: uuid('published_by'),
  drawnBy: uuid('drawn_by'),
  createdAt: createdAt(),
  publishedAt: instant('published_at'),
  closedAt: instant('closed_at'),
  drawnAt: instant('drawn_at'),
});

/** An entry into a campaign, earned by a cause (an on-time payment), once per cause; `rank` set for winners. */
export const raffleEntries = pgTable(
  'raffle_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => raffleCampaigns.id),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    causeKey: text('cause_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('raffle_entries_cause_unique').on(t.campaignId, t.causeKey),
    index('raffle_entries_borrower_idx').on(t.borrowerId),
  ],
);

/** The winners of a drawn campaign, by place (1 = first). */
export const raffleWinners = pgTable(
  'raffle_winners',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => raffleCampaigns.id),
    place: integer('place').notNull(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => raffleEntries.id),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.place] })],
);

/**
 * Special conditions: a personal offer — a rate discount (basis points a day), a larger pre-approved amount, or
 * both — valid in a period, for one borrower (`borrower_id`) or everyone (null), optionally behind a promo code
 * (unique; `single_use`: once per borrower). Made by a specialist (`made_by` = 'staff:<id>') or by a rule
 * ('rule:<name>', `source_key` makes a rule's offer once).
 */
export const personalOffers = pgTable('personal_offers', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  borrowerId: uuid('borrower_id').references(() => borrowers.id),
  rateDiscountBp: integer('rate_discount_bp').notNull().default(0),
  amountBonus: kopecks('amount_bonus')
    .notNull()
    .default(sql`0`),
  promoCode: text('promo_code').unique(),
  singleUse: boolean('single_use').notNull().default(true),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }).notNull(),
  madeBy: text('made_by').notNull(),
  sourceKey: text('source_key').unique(),
  createdAt: createdAt(),
});

/** A borrower's use of an offer: a promo code entered (`activated_at`), then the contract it was applied to. */
export const offerUses = pgTable(
  'offer_uses',
  {
    offerId: uuid('offer_id')
      .notNull()
      .references(() => personalOffers.id),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    activatedAt: instant('activated_at').notNull(),
    contractId: uuid('contract_id'),
    usedAt: instant('used_at'),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.borrowerId] })],
);

/**
 * The separate consent to advertising (38-FZ art. 18 p. 1), as events: each grant or withdrawal with when, from
 * where and the wording's version; the latest event is the current state. Nothing is updated or deleted.
 */
export const advertisingConsentEvents = pgTable(
  'advertising_consent_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    granted: boolean('granted').notNull(),
    wordingVersion: text('wording_version').notNull(),
    at: instant('at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('advertising_consent_borrower_idx').on(t.borrowerId, t.seq)],
);

/**
 * Points held for a payment that carries a points discount and is not settled yet (issue 14): the borrower's
 * available points are the ledger balance less the holds in force (`held` and not past `expires_at`). A hold is
 * taken when the payment starts (under the lock of the borrower's points account), becomes `spent` when the payment
 * is credited (the ledger then books the spending) and `released` when it fails; one that outlives `expires_at`
 * (a payment that never settled) stops counting by itself. Holds are not ledger entries: the points ledger is
 * unchanged.
 */
export const pointsHolds = pgTable(
  'points_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    paymentId: uuid('payment_id')
      .notNull()
      .unique()
      .references(() => payments.id),
    points: integer('points').notNull(),
    status: text('status', { enum: ['held', 'released', 'spent'] }).notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    settledAt: instant('settled_at'),
  },
  (t) => [
    index('points_holds_borrower_idx').on(t.borrowerId, t.status),
    check('points_holds_positive', sql`${t.points} > 0`),
  ],
);

/**
 * One «Разослать» of an advertising message (a raffle campaign or a personal offer) to its audience, worked through
 * by the `advertising.send` job in batches after `cursor` (the last borrower id done); the counters say what
 * happened so far. 38-FZ art. 18: only borrowers with the advertising consent get it.
 */
export const advertisingSends = pgTable(
  'advertising_sends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order the sends were asked for (several may share one instant). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    subject: text('subject', { enum: ['campaign', 'offer'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The message without the withdrawal link (each borrower's link is added to their copy). */
    text: text('text').notNull(),
    /** `staff:<id>` */
    requestedBy: text('requested_by').notNull(),
    requestedAt: instant('requested_at').notNull(),
    status: text('status', { enum: ['queued', 'done'] }).notNull(),
    cursor: uuid('cursor'),
    sent: integer('sent').notNull().default(0),
    skippedNoConsent: integer('skipped_no_consent').notNull().default(0),
    skippedEnded: integer('skipped_ended').notNull().default(0),
    skippedAlready: integer('skipped_already').notNull().default(0),
    finishedAt: instant('finished_at'),
  },
  (t) => [index('advertising_sends_subject_idx').on(t.subject, t.subjectId)],
);

/**
 * One advertising message delivered to one borrower, once per subject (campaign or offer) and borrower, with the
 * SHA-256 of its one-click withdrawal token (the token itself is only in the message).
 */
export const advertisingDeliveries = pgTable(
  'advertising_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sendId: uuid('send_id')
      .notNull()
      .references(() => advertisingSends.id),
    subject: text('subject', { enum: ['campaign', 'offer'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    /** When its withdrawal link was used (it works once). */
    usedAt: instant('used_at'),
  },
  (t) => [unique('advertising_deliveries_once').on(t.subject, t.subjectId, t.borrowerId)],
);
