import { and, asc, desc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { InboxBox } from '../../../contracts/backoffice-support';
import type { SupportTopic } from '../../../contracts/support-topics';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers } from '../../adapters/db/schema';
import { staff } from '../../adapters/db/schema-backoffice';
import { loans } from '../../adapters/db/schema-loans';
import {
  supportAttachments,
  supportCannedAnswers,
  supportConversations,
  supportMessages,
} from '../../adapters/db/schema-support';

/** The only file of the support module that touches the database. */

export type ConversationRow = typeof supportConversations.$inferSelect;
export type MessageRow = typeof supportMessages.$inferSelect & { staffName: string | null };
export type AttachmentRow = typeof supportAttachments.$inferSelect;
export type CannedAnswerRow = typeof supportCannedAnswers.$inferSelect;

/** The channel of live events (NOTIFY payload `<conversation id>:<borrower id>`). */
export const SUPPORT_CHANNEL = 'support_events';

/** Messages the borrower has not read in a conversation: the desk's public answers after `borrower_read_at`. */
const borrowerUnread = sql<number>`(
  select count(*)::int from ${supportMessages} m
  where m.conversation_id = support_conversations.id and m.author = 'staff' and not m.internal
    and m.superseded_by is null
    and m.created_at > coalesce(support_conversations.borrower_read_at, '-infinity'::timestamptz))`;

/** The borrower's messages the desk has not read (after `staff_read_at`). */
const staffUnread = sql<number>`(
  select count(*)::int from ${supportMessages} m
  where m.conversation_id = support_conversations.id and m.author = 'borrower'
    and m.created_at > coalesce(support_conversations.staff_read_at, '-infinity'::timestamptz))`;

export async function insertConversation(
  db: DbOrTx,
  row: { borrowerId: string; topic: SupportTopic; loanId: string | null; now: Date },
): Promise<ConversationRow> {
  const [created] = await db
    .insert(supportConversations)
    .values({
      borrowerId: row.borrowerId,
      topic: row.topic,
      loanId: row.loanId,
      createdAt: row.now,
      lastMessageAt: row.now,
      updatedAt: row.now,
      awaitingAnswerSince: row.now,
      borrowerReadAt: row.now,
    })
    .returning();
  return created!;
}

/** Whether a loan belongs to the borrower. */
export async function isBorrowersLoan(db: DbOrTx, borrowerId: string, loanId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: loans.id })
    .from(loans)
    .where(and(eq(loans.id, loanId), eq(loans.borrowerId, borrowerId)));
  return row !== undefined;
}

export async function insertSupportMessage(
  db: DbOrTx,
  row: {
    conversationId: string;
    author: 'borrower' | 'staff';
    staffId: string | null;
    text: string;
    internal: boolean;
    now: Date;
  },
): Promise<{ id: string }> {
  const [created] = await db
    .insert(supportMessages)
    .values({
      conversationId: row.conversationId,
      author: row.author,
      staffId: row.staffId,
      text: row.text,
      internal: row.internal,
      createdAt: row.now,
    })
    .returning({ id: supportMessages.id });
  return created!;
}

/** Points an edited message at its new version (the database refuses any other change). */
export async function supersedeMessage(db: DbOrTx, messageId: string, by: string): Promise<void> {
  await db.update(supportMessages).set({ supersededBy: by }).where(eq(supportMessages.id, messageId));
}

export async function findMessage(db: DbOrTx, conversationId: string, messageId: string) {
  const [row] = await db
    .select()
    .from(supportMessages)
    .where(and(eq(supportMessages.id, messageId), eq(supportMessages.conversationId, conversationId)));
  return row;
}

export async function insertAttachment(
  db: DbOrTx,
  row: typeof supportAttachments.$inferInsert,
): Promise<void> {
  await db.insert(supportAttachments).values(row);
}

/** A conversation, locked for the rest of the transaction (FOR UPDATE) when `lock`. */
export async function findConversation(
  db: DbOrTx,
  id: string,
  options: { borrowerId?: string; lock?: boolean } = {},
): Promise<ConversationRow | undefined> {
  const query = db
    .select()
    .from(supportConversations)
    .where(
      and(
        eq(supportConversations.id, id),
        options.borrowerId ? eq(supportConversations.borrowerId, options.borrowerId) : undefined,
      ),
    );
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function updateConversation(
  db: DbOrTx,
  id: string,
  set: Partial<Omit<ConversationRow, 'id' | 'borrowerId' | 'createdAt'>>,
): Promise<void> {
  await db
    .update(supportConversations)
    .set({ ...set, version: sql`${supportConversations.version} + 1` })
    .where(eq(supportConversations.id, id));
}

/** The borrower's conversations, latest activity first, each with its unread count. */
export async function listBorrowerConversations(db: DbOrTx, borrowerId: string) {
  return db
    .select({ conversation: supportConversations, unread: borrowerUnread })
    .from(supportConversations)
    .where(eq(supportConversations.borrowerId, borrowerId))
    .orderBy(desc(supportConversations.lastMessageAt))
    .limit(200);
}

export async function borrowerUnreadOf(db: DbOrTx, conversationId: string): Promise<number> {
  const [row] = await db
    .select({ unread: borrowerUnread })
    .from(supportConversations)
    .where(eq(supportConversations.id, conversationId));
  return row?.unread ?? 0;
}

/** All messages of a conversation in order, with the staff author's name; internal notes only when asked. */
export async function listConversationMessages(
  db: DbOrTx,
  conversationId: string,
  options: { internal: boolean },
): Promise<MessageRow[]> {
  const rows = await db
    .select({ message: supportMessages, staffName: staff.displayName })
    .from(supportMessages)
    .leftJoin(staff, eq(staff.id, supportMessages.staffId))
    .where(
      and(
        eq(supportMessages.conversationId, conversationId),
        options.internal ? undefined : eq(supportMessages.internal, false),
      ),
    )
    .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id));
  return rows.map((r) => ({ ...r.message, staffName: r.staffName }));
}

export async function listConversationAttachments(
  db: DbOrTx,
  conversationId: string,
): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(supportAttachments)
    .where(eq(supportAttachments.conversationId, conversationId))
    .orderBy(asc(supportAttachments.createdAt));
}

/** One attachment of a conversation (and, for a borrower, only of their own conversation and not of a note). */
export async function findAttachment(
  db: DbOrTx,
  conversationId: string,
  attachmentId: string,
  options: { borrowerId?: string },
): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .select({ attachment: supportAttachments })
    .from(supportAttachments)
    .innerJoin(supportConversations, eq(supportConversations.id, supportAttachments.conversationId))
    .innerJoin(supportMessages, eq(supportMessages.id, supportAttachments.messageId))
    .where(
      and(
        eq(supportAttachments.id, attachmentId),
        eq(supportAttachments.conversationId, conversationId),
        options.borrowerId
          ? and(eq(supportConversations.borrowerId, options.borrowerId), eq(supportMessages.internal, false))
          : undefined,
      ),
    );
  return row?.attachment;
}

/** The WHERE of an inbox folder. `today` decides which complaints are overdue. */
function boxFilter(box: InboxBox, staffId: string, today: string): SQL | undefined {
  switch (box) {
    case 'new':
      return eq(supportConversations.status, 'new');
    case 'mine':
      return and(eq(supportConversations.assignedStaffId, staffId), eq(supportConversations.status, 'open'));
    case 'waiting':
      return eq(supportConversations.status, 'waiting');
    case 'closed':
      return eq(supportConversations.status, 'closed');
    case 'overdue':
      return and(
        eq(supportConversations.complaint, true),
        ne(supportConversations.status, 'closed'),
        lt(supportConversations.complaintDeadline, today),
      );
  }
}

/** How many conversations each folder of the inbox holds, in one query. */
export async function countInbox(
  db: DbOrTx,
  staffId: string,
  today: string,
): Promise<Record<InboxBox, number>> {
  const count = (box: InboxBox) =>
    sql<number>`count(*) filter (where ${boxFilter(box, staffId, today)})::int`;
  const [row] = await db
    .select({
      new: count('new'),
      mine: count('mine'),
      waiting: count('waiting'),
      closed: count('closed'),
      overdue: count('overdue'),
    })
    .from(supportConversations);
  return row ?? { new: 0, mine: 0, waiting: 0, closed: 0, overdue: 0 };
}

/** Staff names for the inbox: the assigned specialist's display name. */
const assignedStaff = sql<
  string | null
>`(select display_name from ${staff} s where s.id = ${supportConversations.assignedStaffId})`;

/**
 * One folder of the inbox, at most `limit` rows: new ones oldest-waiting first (answer in order), the rest by the
 * latest activity. Each with the borrower's name and the desk's unread count.
 */
export async function listInbox(db: DbOrTx, box: InboxBox, staffId: string, today: string, limit = 100) {
  return db
    .select({
      conversation: supportConversations,
      borrowerName: sql<string>`${borrowers.name} || ' ' || ${borrowers.surname}`,
      assignedStaffName: assignedStaff,
      unread: staffUnread,
    })
    .from(supportConversations)
    .innerJoin(borrowers, eq(borrowers.id, supportConversations.borrowerId))
    .where(boxFilter(box, staffId, today))
    .orderBy(
      ...(box === 'new'
        ? [asc(supportConversations.lastMessageAt)]
        : [desc(supportConversations.lastMessageAt)]),
    )
    .limit(limit);
}

/** One conversation for the desk, with the borrower's name and the assigned specialist's. */
export async function findDeskConversation(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      conversation: supportConversations,
      borrowerName: sql<string>`${borrowers.name} || ' ' || ${borrowers.surname}`,
      assignedStaffName: assignedStaff,
      unread: staffUnread,
    })
    .from(supportConversations)
    .innerJoin(borrowers, eq(borrowers.id, supportConversations.borrowerId))
    .where(eq(supportConversations.id, id));
  return row;
}

/** Active staff who may answer (specialists and seniors), by name. */
export async function listAnsweringStaff(db: DbOrTx) {
  return db
    .select({ id: staff.id, displayName: staff.displayName, role: staff.role })
    .from(staff)
    .where(and(eq(staff.status, 'active'), inArray(staff.role, ['specialist', 'senior'])))
    .orderBy(asc(staff.displayName));
}

export async function findActiveAnsweringStaff(db: DbOrTx, staffId: string) {
  const [row] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(
      and(eq(staff.id, staffId), eq(staff.status, 'active'), inArray(staff.role, ['specialist', 'senior'])),
    );
  return row;
}

/**
 * The next specialist of the round-robin: the active answering staff member ON DUTY («на смене») whose latest
 * assignment is oldest (never assigned first), ties by id. Undefined when nobody is on duty.
 */
export async function nextRoundRobinStaff(db: DbOrTx): Promise<string | undefined> {
  const [row] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(
      and(eq(staff.status, 'active'), eq(staff.onDuty, true), inArray(staff.role, ['specialist', 'senior'])),
    )
    .orderBy(
      sql`(select max(c.created_at) from ${supportConversations} c where c.assigned_staff_id = ${staff.id}) asc nulls first`,
      asc(staff.id),
    )
    .limit(1);
  return row?.id;
}

export async function listCannedAnswers(db: DbOrTx, options: { activeOnly: boolean }) {
  return db
    .select()
    .from(supportCannedAnswers)
    .where(options.activeOnly ? eq(supportCannedAnswers.active, true) : undefined)
    .orderBy(asc(supportCannedAnswers.title));
}

export async function insertCannedAnswer(
  db: DbOrTx,
  row: { title: string; text: string; active: boolean; createdBy: string; now: Date },
): Promise<CannedAnswerRow> {
  const [created] = await db
    .insert(supportCannedAnswers)
    .values({ ...row, createdAt: row.now, updatedAt: row.now })
    .returning();
  return created!;
}

export async function updateCannedAnswer(
  db: DbOrTx,
  id: string,
  set: { title: string; text: string; active: boolean; now: Date },
): Promise<CannedAnswerRow | undefined> {
  const [updated] = await db
    .update(supportCannedAnswers)
    .set({ title: set.title, text: set.text, active: set.active, updatedAt: set.now })
    .where(eq(supportCannedAnswers.id, id))
    .returning();
  return updated;
}

/** Announces a change of a conversation to live listeners; delivered at commit (PostgreSQL NOTIFY). */
export async function notifySupportEvent(
  db: DbOrTx,
  conversation: { id: string; borrowerId: string },
): Promise<void> {
  await db.execute(
    sql`select pg_notify(${SUPPORT_CHANNEL}, ${`${conversation.id}:${conversation.borrowerId}`})`,
  );
}

/** Conversations changed after `since` (the polling fallback): ids and borrowers, oldest change first. */
export async function conversationsChangedSince(db: DbOrTx, since: Date) {
  return db
    .select({
      conversationId: supportConversations.id,
      borrowerId: supportConversations.borrowerId,
      changedAt: supportConversations.updatedAt,
      version: supportConversations.version,
    })
    .from(supportConversations)
    .where(sql`${supportConversations.updatedAt} > ${since.toISOString()}`)
    .orderBy(asc(supportConversations.updatedAt))
    .limit(500);
}
