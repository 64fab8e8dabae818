import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, kopecks } from './columns';

/** What maintenance closes: the whole borrower site, only new applications, or only payments. */
export const MAINTENANCE_SCOPES = ['all', 'applications', 'payments'] as const;

/**
 * The maintenance switch of the back office: one row (`id = 'site'`), read by every API instance (PostgreSQL
 * LISTEN/NOTIFY on the channel `site_maintenance`, or polling on PGlite). `starts_at` null means «now»; a future
 * one announces planned works. `planned_end` is what the banner and `Retry-After` tell. The env variable
 * MAINTENANCE_MODE stays a floor above this row. Every switch is also in the audit log.
 */
export const siteMaintenance = pgTable(
  'site_maintenance',
  {
    id: text('id').primaryKey(),
    enabled: boolean('enabled').notNull(),
    scope: text('scope', { enum: MAINTENANCE_SCOPES }).notNull(),
    message: text('message'),
    startsAt: instant('starts_at'),
    plannedEnd: instant('planned_end'),
    changedBy: uuid('changed_by'),
    changedAt: instant('changed_at').notNull().defaultNow(),
  },
  (t) => [check('site_maintenance_scope_check', sql`${t.scope} in ('all', 'applications', 'payments')`)],
);

/** The kinds of a product change: a new product, new terms, or its retirement. */
export const PRODUCT_CHANGE_KINDS = ['create', 'edit', 'retire'] as const;
/** Where a proposed change stands (maker-checker): waiting for a second person, approved, or rejected. */
export const PRODUCT_CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;

/**
 * The versions of a loan product: every change proposed in the back office, with the date it takes effect from.
 * An approved version is the product's terms from `effective_from` until a later approved version; a product with
 * no approved version keeps the terms of its `loan_products` row (the seeded demo products). The proposer cannot
 * approve (maker-checker). Contracts keep their own terms (contract_terms), whatever happens here later.
 */
export const loanProductVersions = pgTable(
  'loan_product_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: versions of one product can share an instant (and an effective date). */
    seq: integer('seq').generatedAlwaysAsIdentity(),
    productId: text('product_id').notNull(),
    kind: text('kind', { enum: PRODUCT_CHANGE_KINDS }).notNull(),
    status: text('status', { enum: PRODUCT_CHANGE_STATUSES }).notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    productKind: text('product_kind', { enum: ['payday', 'instalment'] }).notNull(),
    name: text('name').notNull(),
    minAmount: kopecks('min_amount').notNull(),
    maxAmount: kopecks('max_amount').notNull(),
    amountStep: kopecks('amount_step').notNull(),
    minTerm: integer('min_term').notNull(),
    maxTerm: integer('max_term').notNull(),
    dailyRateBp: integer('daily_rate_bp').notNull(),
    firstLoanDailyRateBp: integer('first_loan_daily_rate_bp'),
    allowsParallelLoans: boolean('allows_parallel_loans').notNull(),
    prolongationWhenOverdue: boolean('prolongation_when_overdue').notNull(),
    active: boolean('active').notNull(),
    comment: text('comment'),
    proposedBy: uuid('proposed_by').notNull(),
    createdAt: createdAt(),
    decidedBy: uuid('decided_by'),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    index('loan_product_versions_product_idx').on(t.productId, t.effectiveFrom),
    check('loan_product_versions_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check(
      'loan_product_versions_checker_check',
      sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`,
    ),
  ],
);
