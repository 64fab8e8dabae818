import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  pgView,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { NOTIFICATION_KIND } from '../../../contracts/servicing';
import { bytea, createdAt, instant, kopecks } from './columns';
import { borrowers } from './schema';
import { loans } from './schema-loans';

const money = (name: string) =>
  kopecks(name)
    .notNull()
    .default(sql`0`);

/** The balance columns of a loan, kopecks; signs as in the ledger: receivables positive, overpayment and income negative. */
const balanceColumns = () => ({
  principal: money('principal'),
  principalOverdue: money('principal_overdue'),
  interest: money('interest'),
  interestOverdue: money('interest_overdue'),
  penalty: money('penalty'),
  fees: money('fees'),
  overpayment: money('overpayment'),
  interestIncome: money('interest_income'),
  penaltyIncome: money('penalty_income'),
});

/**
 * Each loan's account balances, kept by the database itself: a statement-level trigger on `postings` adds every
 * new posting here (migration 0004). Nothing else writes these columns, so they are the ledger, summed.
 * What the borrower owes is loan_balances_current (these plus the interest not yet booked): read that.
 */
export const loanBalances = pgTable('loan_balances', {
  loanId: uuid('loan_id')
    .primaryKey()
    .references(() => loans.id),
  ...balanceColumns(),
});

/**
 * The balances every reader sees (view, migration 0032): loan_balances plus loan_servicing_state.unbooked_interest on
 * `interest` (owed) and `interest_income` (accrued). Same columns as loan_balances.
 */
export const loanBalancesCurrent = pgView('loan_balances_current', {
  loanId: uuid('loan_id').notNull(),
  ...balanceColumns(),
}).existing();

/**
 * How far servicing has got with each loan under servicing (a row from the payout on): the one row the nightly close
 * and the accrual move forward every day. Kept apart from `loans` (wide, with four indexes) so that the close's daily
 * update is a HOT update of a narrow row (fill factor 50: a whole page can take its next version in one batch) and the
 * loan row itself is only read (issue 9: the close of 1 000 000 loans).
 */
export const loanServicingState = pgTable('loan_servicing_state', {
  loanId: uuid('loan_id')
    .primaryKey()
    .references(() => loans.id),
  /**
   * Interest (and penalty) has accrued for every day up to and including this date: booked in the ledger, but for
   * `unbookedInterest`.
   */
  accruedThrough: date('accrued_through', { mode: 'string' }).notNull(),
  /**
   * Kopecks of current interest the nightly close accrued on quiet days (nothing due, nothing overdue, not matured,
   * not a month's end) and has not yet booked in the ledger: the next entry for the loan books them (a payment's
   * accrual, a due date, the month's last day; Bank of Russia Regulation 493-P: interest income is recognised at
   * least on the last day of each month and on the dates set for its payment). Readers see balances with it added
   * (the loan_balances_current view).
   */
  unbookedInterest: money('unbooked_interest'),
  /** The nightly close has fully processed this loan for every business date up to this one. */
  closedThrough: date('closed_through', { mode: 'string' }).notNull(),
});

/** The current schedule of a loan is the rows of its `schedule_version`; earlier versions stay for the record. */
export const loanInstalments = pgTable(
  'loan_instalments',
  {
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    version: integer('version').notNull(),
    n: integer('n').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** The date the term ended before Civil Code art. 193 moved it off a non-working day to `due_date`; else null. */
    scheduledDate: date('scheduled_date', { mode: 'string' }),
    principal: kopecks('principal').notNull(),
    interest: kopecks('interest').notNull(),
    total: kopecks('total').notNull(),
    /** The principal that may still be owed after this date; what is above it then is overdue. */
    remainingPrincipal: kopecks('remaining_principal').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.loanId, t.version, t.n] }),
    index('loan_instalments_due_idx').on(t.dueDate),
  ],
);

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'canceled'] as const;

/**
 * A payment the borrower started. The borrower's idempotency key is unique per borrower (a retry returns this row;
 * the same key with another body is refused); the provider's payment id is unique, so it is credited once.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 of the request body: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    purpose: text('purpose', { enum: ['next', 'payoff', 'custom', 'prolongation'] }).notNull(),
    method: text('method', { enum: ['card', 'sbp'] }).notNull(),
    amount: kopecks('amount').notNull(),
    /** For an early partial payment of an instalment loan: what the borrower chose. */
    recalculation: text('recalculation', { enum: ['payment', 'term'] }),
    prolongationId: uuid('prolongation_id'),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    provider: text('provider').notNull(),
    providerPaymentId: text('provider_payment_id').unique(),
    confirmationUrl: text('confirmation_url'),
    failureReason: text('failure_reason'),
    /** When the provider accepted the money; its date (in the lender's zone) is the payment date. */
    acceptedAt: instant('accepted_at'),
    paymentDate: date('payment_date', { mode: 'string' }),
    /** How the money was applied (the receipt): bucket → kopecks as decimal strings. */
    allocation: jsonb('allocation').$type<Record<string, string>>(),
    /** Bonus points the borrower spends on this payment's interest (issue 14), booked when it is credited. */
    points: integer('points'),
    /** Their value (kopecks): the amount above is already this much less than what was due. */
    pointsDiscount: kopecks('points_discount'),
    createdAt: createdAt(),
    creditedAt: instant('credited_at'),
  },
  (t) => [
    unique('payments_borrower_key').on(t.borrowerId, t.idempotencyKey),
    index('payments_loan_idx').on(t.loanId, t.createdAt),
  ],
);

/** An overpayment returned to the borrower through the payment it came with. */
export const refunds = pgTable('refunds', {
  id: uuid('id').primaryKey().defaultRandom(),
  loanId: uuid('loan_id')
    .notNull()
    .references(() => loans.id),
  paymentId: uuid('payment_id')
    .notNull()
    .references(() => payments.id),
  amount: kopecks('amount').notNull(),
  /**
   * pending: sent (or not yet) to the acquirer; succeeded / canceled: the acquirer's answer; refused: the acquirer
   * would not take it (a specialist retries it or pays it by bank transfer); paid_by_transfer: paid by the lender's bank.
   */
  status: text('status', {
    enum: ['pending', 'succeeded', 'canceled', 'refused', 'paid_by_transfer'],
  }).notNull(),
  providerRefundId: text('provider_refund_id'),
  /** Why the acquirer refused the last attempt (its message), for the back office's queue. */
  failureReason: text('failure_reason'),
  /** Attempts sent to the acquirer; the n-th attempt's idempotence key is `<id>` then `<id>:<n>`. */
  attempts: integer('attempts').notNull().default(1),
  createdAt: createdAt(),
  settledAt: instant('settled_at'),
});

/**
 * A prolongation: quoted and drawn up as an addendum (PDF + SHA-256 the SMS code is bound to), signed, then
 * in force once its interest is paid before the due date.
 */
export const prolongations = pgTable(
  'prolongations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    number: text('number').notNull().unique(),
    days: integer('days').notNull(),
    payNow: kopecks('pay_now').notNull(),
    oldDueDate: date('old_due_date', { mode: 'string' }).notNull(),
    newDueDate: date('new_due_date', { mode: 'string' }).notNull(),
    status: text('status', {
      enum: ['awaiting_signature', 'awaiting_payment', 'in_force', 'expired'],
    }).notNull(),
    documentSha256: text('document_sha256').notNull(),
    signedAt: instant('signed_at'),
    signature: jsonb('signature').$type<{ phone: string; ip: string; codeId: string; sha256: string }>(),
    appliedAt: instant('applied_at'),
    createdAt: createdAt(),
  },
  (t) => [index('prolongations_loan_idx').on(t.loanId)],
);

/** An addendum's PDF bytes, apart from the prolongation row the loan screens read: read only on download. */
export const prolongationPdfs = pgTable('prolongation_pdfs', {
  prolongationId: uuid('prolongation_id')
    .primaryKey()
    .references(() => prolongations.id),
  pdf: bytea('pdf').notNull(),
});

/** One row per business date closed: when it ran, how many loans it touched. */
export const businessDays = pgTable('business_days', {
  businessDate: date('business_date', { mode: 'string' }).primaryKey(),
  status: text('status', { enum: ['running', 'done'] }).notNull(),
  startedAt: instant('started_at').notNull(),
  finishedAt: instant('finished_at'),
  loansProcessed: integer('loans_processed').notNull().default(0),
});

export const NOTIFICATION_KINDS = NOTIFICATION_KIND;

/**
 * Messages to the borrower: every one is shown in the account; an SMS goes out when the kind is not switched off
 * and, for overdue debt, within the hours and limits of 230-FZ (`sms_status` says what happened).
 * `dedupe_key` makes the nightly job and a repeated webhook produce each message once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    loanId: uuid('loan_id').references(() => loans.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    text: text('text').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    smsStatus: text('sms_status', { enum: ['queued', 'sent', 'opted_out', 'suppressed'] }).notNull(),
    /** The SMS is not sent before this instant (its job's time; moved on by the quiet hours of 230-FZ). */
    notBefore: instant('not_before').notNull(),
    sentAt: instant('sent_at'),
    /** Where the copy went once sent: by SMS, or to the borrower's confirmed Telegram chat instead. */
    channel: text('channel', { enum: ['sms', 'telegram'] }),
    readAt: instant('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_borrower_idx').on(t.borrowerId, t.createdAt)],
);

/** The optional messages a borrower switched off (SMS only; the account shows every message). */
export const notificationPreferences = pgTable('notification_preferences', {
  borrowerId: uuid('borrower_id')
    .primaryKey()
    .references(() => borrowers.id),
  smsOptOut: jsonb('sms_opt_out').$type<string[]>().notNull().default([]),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
