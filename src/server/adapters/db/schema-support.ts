import { boolean, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { CONVERSATION_STATUSES, SUPPORT_TOPICS } from '../../../contracts/support-topics';
import { createdAt, instant } from './columns';
import { borrowers } from './schema';
import { staff } from './schema-backoffice';
import { loans } from './schema-loans';

/**
 * A borrower's question to a specialist and everything said in it. `status`: new → open (taken) ⇄ waiting (for the
 * borrower) → closed. The clocks: `awaiting_answer_since` is set when the borrower writes and nobody answered yet
 * (null while waiting for the borrower or closed); `first_answered_at` once. A complaint carries its statutory
 * deadline (a date, in working days by the production calendar). `borrower_read_at`/`staff_read_at` make the unread
 * badges. `rating` (1..5) is the borrower's satisfaction after closing.
 */
export const supportConversations = pgTable(
  'support_conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => borrowers.id),
    topic: text('topic', { enum: SUPPORT_TOPICS }).notNull(),
    loanId: uuid('loan_id').references(() => loans.id),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('new'),
    assignedStaffId: uuid('assigned_staff_id').references(() => staff.id),
    complaint: boolean('complaint').notNull().default(false),
    complaintAt: instant('complaint_at'),
    complaintDeadline: date('complaint_deadline', { mode: 'string' }),
    createdAt: createdAt(),
    lastMessageAt: instant('last_message_at').notNull().defaultNow(),
    /** Any change (a message, a status, an assignment): the polling fallback of live updates reads it. */
    updatedAt: instant('updated_at').notNull().defaultNow(),
    /** Bumped by every change: the polling fallback tells a new change from one it has seen by it. */
    version: integer('version').notNull().default(1),
    awaitingAnswerSince: instant('awaiting_answer_since'),
    firstAnsweredAt: instant('first_answered_at'),
    borrowerReadAt: instant('borrower_read_at'),
    staffReadAt: instant('staff_read_at'),
    closedAt: instant('closed_at'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
  },
  (t) => [
    index('support_conversations_borrower_idx').on(t.borrowerId, t.lastMessageAt),
    index('support_conversations_inbox_idx').on(t.status, t.lastMessageAt),
    index('support_conversations_assigned_idx').on(t.assignedStaffId, t.status, t.lastMessageAt),
    index('support_conversations_updated_idx').on(t.updatedAt),
  ],
);

/**
 * Messages of a conversation, kept for good (a regulated record): no delete (a trigger refuses it), an edit writes
 * a new row and points the old one at it (`superseded_by`), so the original stays. `internal` notes are between
 * specialists and never shown to the borrower.
 */
export const supportMessages = pgTable(
  'support_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => supportConversations.id),
    author: text('author', { enum: ['borrower', 'staff'] }).notNull(),
    staffId: uuid('staff_id').references(() => staff.id),
    text: text('text').notNull(),
    internal: boolean('internal').notNull().default(false),
    supersededBy: uuid('superseded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('support_messages_conversation_idx').on(t.conversationId, t.createdAt)],
);

/**
 * Files attached to a message: type sniffed from the content, size-limited; the bytes live in the storage port under
 * `storage_key`, with their SHA-256 here.
 */
export const supportAttachments = pgTable(
  'support_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => supportConversations.id),
    messageId: uuid('message_id')
      .notNull()
      .references(() => supportMessages.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [index('support_attachments_message_idx').on(t.messageId)],
);

/** Ready answers specialists insert; managed by seniors; switched off rather than deleted. */
export const supportCannedAnswers = pgTable('support_canned_answers', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').references(() => staff.id),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
