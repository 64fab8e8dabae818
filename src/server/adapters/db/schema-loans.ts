import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { APPLICATION_STATUS } from '../../../contracts/loans';
import { LEDGER_ACCOUNT_CODES } from '../../../domain/ledger';
import { bytea, createdAt, instant, kopecks } from './columns';
import { borrowers } from './schema';

/** Loan products. A product that breaks the legal rule set in force cannot be saved (checked in the service). */
export const loanProducts = pgTable('loan_products', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['payday', 'instalment'] }).notNull(),
  name: text('name').notNull(),
  minAmount: kopecks('min_amount').notNull(),
  maxAmount: kopecks('max_amount').notNull(),
  amountStep: kopecks('amount_step').notNull(),
  /** Days for a payday loan, weeks for an instalment loan. */
  minTerm: integer('min_term').notNull(),
  maxTerm: integer('max_term').notNull(),
  dailyRateBp: integer('daily_rate_bp').notNull(),
  firstLoanDailyRateBp: integer('first_loan_daily_rate_bp'),
  allowsParallelLoans: boolean('allows_parallel_loans').notNull().default(false),
  /** Whether a loan with overdue debt (or past its due date) may still be prolonged. */
  prolongationWhenOverdue: boolean('prolongation_when_overdue').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

/**
 * The Bank of Russia's quarterly PSK ceilings per loan category (src/domain/psk-ceiling.ts): the published
 * average market PSK and the ceiling derived from it (average + 1/3, never above the rule set's maximum), in force
 * for contracts concluded from `quarter_start` (the first day of a quarter) until a later quarter is entered.
 * Percent strings with 3 decimals. `demo` marks seeded values to be replaced by the published ones.
 */
export const pskCeilings = pgTable(
  'psk_ceilings',
  {
    category: text('category').notNull(),
    quarterStart: date('quarter_start', { mode: 'string' }).notNull(),
    averagePskPercent: text('average_psk_percent').notNull(),
    ceilingPskPercent: text('ceiling_psk_percent').notNull(),
    demo: boolean('demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.category, t.quarterStart] }),
    check(
      'psk_ceilings_quarter_start',
      sql`extract(day from ${t.quarterStart}) = 1 and extract(month from ${t.quarterStart}) in (1, 4, 7, 10)`,
    ),
  ],
);

/** The statuses of the contract (src/contracts/loans.ts): the borrower's timeline speaks the same words. */
export const APPLICATION_STATUSES = APPLICATION_STATUS;

export const loanApplications = pgTable(
  'loan_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    productId: text('product_id')
      .notNull()
      .references(() => loanProducts.id),
    amount: kopecks('amount').notNull(),
    term: integer('term').notNull(),
    employment: text('employment').notNull(),
    monthlyIncome: kopecks('monthly_income').notNull(),
    /** Where the money goes: a card token and its last 4 digits, SBP phone + bank, or a bank account. Never a card number. */
    payoutMethod: jsonb('payout_method').$type<Record<string, string>>().notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
    /** The decision with its reason codes, inputs and the rule-set version it was taken under. */
    decision: jsonb('decision').$type<Record<string, unknown>>(),
    offerAmount: kopecks('offer_amount'),
    offerTerm: integer('offer_term'),
    createdAt: createdAt(),
    decidedAt: instant('decided_at'),
  },
  (t) => [index('applications_borrower_idx').on(t.borrowerId, t.createdAt)],
);

/** The timeline the borrower follows: one row per status change. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: events of one request can share an instant. */
    seq: integer('seq').generatedAlwaysAsIdentity(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => loanApplications.id),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
    at: instant('at').notNull().defaultNow(),
    note: text('note'),
  },
  (t) => [index('application_events_idx').on(t.applicationId, t.at)],
);

/** The individual terms offered for an approved application; signed by an SMS code bound to `document_sha256`. */
export const contracts = pgTable('contracts', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id')
    .notNull()
    .unique()
    .references(() => loanApplications.id),
  borrowerId: uuid('borrower_id')
    .notNull()
    .references(() => borrowers.id),
  number: text('number').notNull().unique(),
  contractDate: date('contract_date', { mode: 'string' }).notNull(),
  templateVersion: text('template_version').notNull(),
  documentSha256: text('document_sha256').notNull(),
  terms: jsonb('terms').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  signedAt: instant('signed_at'),
  signature: jsonb('signature').$type<{ phone: string; ip: string; codeId: string; sha256: string }>(),
});

/**
 * The contract's PDF bytes, apart from the row every screen reads (a contract is ~64 KB of PDF): read only when the
 * document is downloaded.
 */
export const contractPdfs = pgTable('contract_pdfs', {
  contractId: uuid('contract_id')
    .primaryKey()
    .references(() => contracts.id),
  pdf: bytea('pdf').notNull(),
});

/** A loan comes into being when its contract is signed, and is active once the money has been paid out. */
export const loans = pgTable(
  'loans',
  {
    /**
     * Time-ordered (uuid_time_ordered()): the primary key the nightly close walks follows the order the rows were
     * written in, so a batch of the close reads neighbouring pages of loans, balances and accounts, not a random
     * page per loan (issue 9: the close of 1 000 000 loans).
     */
    id: uuid('id')
      .primaryKey()
      .default(sql`uuid_time_ordered()`),
    contractId: uuid('contract_id')
      .notNull()
      .unique()
      .references(() => contracts.id),
    applicationId: uuid('application_id')
      .notNull()
      .unique()
      .references(() => loanApplications.id),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    status: text('status', {
      enum: ['awaiting_payout', 'active', 'overdue', 'closed', 'cancelled'],
    }).notNull(),
    principal: kopecks('principal').notNull(),
    pskPercent: text('psk_percent').notNull(),
    disbursedOn: date('disbursed_on', { mode: 'string' }),
    createdAt: createdAt(),
    // ── The terms the nightly close works with, copied from the signed contract (set-based SQL reads columns). ──
    kind: text('kind', { enum: ['payday', 'instalment'] }).notNull(),
    dailyRateBp: integer('daily_rate_bp').notNull(),
    /** Everything that may ever accrue (interest + penalties + fees), by the rule set of the contract date. */
    accrualCap: kopecks('accrual_cap').notNull(),
    /** Penalty while interest accrues: percent a year; when it no longer does: basis points a day. */
    penaltyPercentYear: integer('penalty_percent_year').notNull(),
    penaltyBpDay: integer('penalty_bp_day').notNull(),
    maxProlongations: integer('max_prolongations').notNull(),
    prolongationWhenOverdue: boolean('prolongation_when_overdue').notNull().default(false),
    /**
     * The product as it was in force on the signing date (its dated version): its name, and its regular daily rate
     * (bp) — a loan whose own rate is below it bears a promotional rate. Kept on the loan because a later version
     * of the product may rename it or change its rate; the loan keeps its terms.
     */
    productName: text('product_name'),
    regularDailyRateBp: integer('regular_daily_rate_bp'),
    prolongations: integer('prolongations').notNull().default(0),
    /**
     * Interest accrues as floor(P × rate × days since this date) minus what already accrued since it, so a period
     * accrues exactly what the schedule says; the date moves whenever the principal changes.
     */
    interestBaseDate: date('interest_base_date', { mode: 'string' }),
    scheduleVersion: integer('schedule_version').notNull().default(1),
    closedOn: date('closed_on', { mode: 'string' }),
    /** The first business date of the current overdue (null while nothing is overdue). */
    overdueSince: date('overdue_since', { mode: 'string' }),
  },
  // The nightly close does not update this row (how far it got is kept apart, in loan_servicing_state), except
  // when a loan's status changes; no index on status or overdue_since, so those updates stay HOT (fill factor 85).
  (t) => [index('loans_borrower_idx').on(t.borrowerId)],
);

/**
 * The payout queue. A row is written in the same transaction as the signature; workers claim due rows with
 * FOR UPDATE SKIP LOCKED under a lease, and the row id is the provider's idempotence key, so a crash between
 * the provider's answer and our commit is retried without paying twice.
 */
export const payouts = pgTable('payouts', {
  id: uuid('id').primaryKey().defaultRandom(),
  loanId: uuid('loan_id')
    .notNull()
    .unique()
    .references(() => loans.id),
  amount: kopecks('amount').notNull(),
  destination: jsonb('destination').$type<Record<string, string>>().notNull(),
  status: text('status', {
    enum: ['scheduled', 'sending', 'pending', 'succeeded', 'failed', 'cancelled'],
  }).notNull(),
  notBefore: instant('not_before').notNull(),
  provider: text('provider'),
  providerPayoutId: text('provider_payout_id').unique(),
  failureReason: text('failure_reason'),
  createdAt: createdAt(),
  settledAt: instant('settled_at'),
});

/** The demo payout provider's own records (FakePayouts), shared by every instance. */
export const fakeProviderPayouts = pgTable('fake_provider_payouts', {
  key: text('key').primaryKey(),
  row: jsonb('row').$type<Record<string, unknown>>().notNull(),
});

/** The demo acquirer's own records (FakeAcquiring), shared by every instance. */
export const fakeProviderPayments = pgTable('fake_provider_payments', {
  key: text('key').primaryKey(),
  row: jsonb('row').$type<Record<string, unknown>>().notNull(),
});

// ── Ledger: double-entry, append-only; the balance rule and immutability are enforced by triggers (0003, close-speed). ──
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    /** Time-ordered, like loans.id: a loan's accounts sit beside those of the loans opened with it. */
    id: uuid('id')
      .primaryKey()
      .default(sql`uuid_time_ordered()`),
    /** null for the lender's own accounts (e.g. the bank account money is paid out from). */
    loanId: uuid('loan_id').references(() => loans.id),
    code: text('code', { enum: LEDGER_ACCOUNT_CODES }).notNull(),
  },
  // One account per code per loan, and one lender account per code (NULL loan ids count as equal).
  (t) => [unique('ledger_accounts_loan_code').on(t.loanId, t.code).nullsNotDistinct()],
);

export const journalEntries = pgTable('journal_entries', {
  /** Time-ordered (uuid_time_ordered(), migration 0010): appended by the million, at the right edge of the key. */
  id: uuid('id')
    .primaryKey()
    .default(sql`uuid_time_ordered()`),
  kind: text('kind').notNull(),
  /**
   * loans.id (null for the lender's own entries): checked by the database once per INSERT statement over the
   * statement's rows (migration ledger-entry-loans), not by a per-row foreign key; loans are never deleted.
   */
  loanId: uuid('loan_id'),
  /** The same business event can only be booked once. */
  idempotencyKey: text('idempotency_key').notNull().unique(),
  businessDate: date('business_date', { mode: 'string' }).notNull(),
  createdAt: createdAt(),
});

/**
 * Debits are positive, credits negative, never zero; the postings of an entry sum to zero (each INSERT statement's
 * postings of an entry sum to zero, and every entry gets postings before its transaction commits).
 * `entry_id` names a journal entry written by the same transaction (a booked entry never gains postings later), and
 * `account_id` an existing ledger account: both checked by the database once per INSERT statement over the
 * statement's rows (migrations close-speed and ledger-checks-by-set), not by per-row foreign keys — accounts are
 * never changed or deleted, so what exists when the statement runs exists at commit.
 */
export const postings = pgTable(
  'postings',
  {
    /** Time-ordered, like journal_entries.id. */
    id: uuid('id')
      .primaryKey()
      .default(sql`uuid_time_ordered()`),
    /** journal_entries.id of an entry of the same transaction (checked per statement, see above). */
    entryId: uuid('entry_id').notNull(),
    /** ledger_accounts.id (checked per statement, see above). */
    accountId: uuid('account_id').notNull(),
    amount: kopecks('amount').notNull(),
  },
  (t) => [
    index('postings_account_idx').on(t.accountId),
    index('postings_entry_idx').on(t.entryId),
    // A posting records a movement: with no zero lines, an entry whose postings balance has at least two.
    check('postings_amount_nonzero', sql`${t.amount} <> 0`),
  ],
);
