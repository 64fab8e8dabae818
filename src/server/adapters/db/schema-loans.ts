import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { borrowers } from './schema';

const instant = (name: string) => timestamp(name, { withTimezone: true });
const createdAt = () => instant('created_at').notNull().defaultNow();
const kopecks = (name: string) => bigint(name, { mode: 'bigint' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

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
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const APPLICATION_STATUSES = [
  'submitted',
  'under_review',
  'approved',
  'refused',
  'signed',
  'paid_out',
  'cancelled',
  'payout_failed',
] as const;

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
  pdf: bytea('pdf').notNull(),
  terms: jsonb('terms').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  signedAt: instant('signed_at'),
  signature: jsonb('signature').$type<{ phone: string; ip: string; codeId: string; sha256: string }>(),
});
