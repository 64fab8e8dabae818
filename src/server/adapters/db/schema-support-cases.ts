import { boolean, date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns';
import { borrowers } from './schema';
import { staff } from './schema-backoffice';
import { supportConversations } from './schema-support';

/** Where a phone change case came from. */
export const PHONE_CHANGE_OPENERS = ['borrower', 'guest', 'staff'] as const;
/**
 * A phone change case's life: open → checked (a specialist filled the checklist) → approved (a senior, another
 * person; an SMS code went to the new number) → completed (the code was entered); or refused (with a reason).
 */
export const PHONE_CHANGE_STATUSES = ['open', 'checked', 'approved', 'completed', 'refused'] as const;

/**
 * A request to change a borrower's phone after an identity check (issue 12, part 2). The checklist is what the
 * specialist verified; the video call is optional (recorded as a fact: when, by whom, its outcome, no recording).
 */
export const phoneChangeCases = pgTable(
  'phone_change_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    openedBy: text('opened_by', { enum: PHONE_CHANGE_OPENERS }).notNull(),
    openedByStaffId: uuid('opened_by_staff_id').references(() => staff.id),
    newPhone: text('new_phone').notNull(),
    status: text('status', { enum: PHONE_CHANGE_STATUSES }).notNull().default('open'),
    passportMatch: boolean('passport_match'),
    previousPhoneConfirmed: boolean('previous_phone_confirmed'),
    accountAnswersMatch: boolean('account_answers_match'),
    videoCallHeld: boolean('video_call_held').notNull().default(false),
    videoCallAt: instant('video_call_at'),
    videoCallBy: uuid('video_call_by').references(() => staff.id),
    videoCallOutcome: text('video_call_outcome'),
    checkedBy: uuid('checked_by').references(() => staff.id),
    checkedAt: instant('checked_at'),
    decidedBy: uuid('decided_by').references(() => staff.id),
    decidedAt: instant('decided_at'),
    refusalReason: text('refusal_reason'),
    completedAt: instant('completed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('phone_change_cases_borrower_idx').on(t.borrowerId),
    index('phone_change_cases_status_idx').on(t.status),
  ],
);

/** The numbers a borrower had before: each with when it became and stopped being the account's phone. */
export const phoneHistory = pgTable(
  'phone_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    phone: text('phone').notNull(),
    replacedAt: instant('replaced_at').notNull(),
    caseId: uuid('case_id').references(() => phoneChangeCases.id),
  },
  (t) => [index('phone_history_borrower_idx').on(t.borrowerId)],
);

/** A borrower's request to end the relationship: open → ended (by a specialist) or withdrawn. */
export const relationshipEndRequests = pgTable(
  'relationship_end_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    status: text('status', { enum: ['open', 'ended', 'withdrawn'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    endedBy: uuid('ended_by').references(() => staff.id),
    endedAt: instant('ended_at'),
    /** The day after which personal data may be erased (ended_at + RETENTION_YEARS). */
    eraseAfter: date('erase_after', { mode: 'string' }),
    /** The support conversation the request was filed from (by the borrower or a specialist on their behalf). */
    conversationId: uuid('conversation_id').references(() => supportConversations.id),
    /** The specialist who filed it on the borrower's behalf (null: the borrower did). */
    openedByStaffId: uuid('opened_by_staff_id').references(() => staff.id),
  },
  (t) => [index('relationship_end_requests_borrower_idx').on(t.borrowerId)],
);

/**
 * One-time links to the confirmation PDF of an ended relationship, sent by SMS (the borrower can no longer sign
 * in). Only the SHA-256 of the token is stored; a link works once (`used_at`) and until `expires_at`
 * (RELATIONSHIP_END_LINK_DAYS).
 */
export const relationshipEndLinks = pgTable(
  'relationship_end_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => relationshipEndRequests.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    usedIp: text('used_ip'),
  },
  (t) => [index('relationship_end_links_request_idx').on(t.requestId)],
);
