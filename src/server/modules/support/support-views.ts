import type { DeskConversation, DeskMessage, InboxItem } from '../../../contracts/backoffice-support';
import type {
  Conversation,
  ConversationSummary,
  LinkedRelationshipEnd,
  SupportMessage,
} from '../../../contracts/support';
import type { ProductionCalendar } from '../../../domain/production-calendar';
import {
  isComplaintOverdue,
  responseClocks,
  workingMinutesBetween,
  type WorkingHours,
} from '../../../domain/support';
import type { RelationshipEndRow } from './support-cases-repository';
import type { AttachmentRow, ConversationRow, MessageRow } from './support-repository';

/** Mappers from rows to the wire: the borrower's views never carry internal notes or staff ids. */

/** A message as shown: the first version's place and time, the latest text, and the earlier texts in order. */
export type ResolvedMessage = { first: MessageRow; latest: MessageRow; previousTexts: string[] };

/** Follows each edit chain (`superseded_by`) from its original to its latest version. */
export function resolveEdits(messages: readonly MessageRow[]): ResolvedMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const successors = new Set(messages.flatMap((m) => (m.supersededBy ? [m.supersededBy] : [])));
  return messages
    .filter((m) => !successors.has(m.id))
    .map((first) => {
      const previousTexts: string[] = [];
      let latest = first;
      for (let next = latest.supersededBy; next && byId.has(next); next = latest.supersededBy) {
        previousTexts.push(latest.text);
        latest = byId.get(next)!;
      }
      return { first, latest, previousTexts };
    });
}

const attachmentsOf = (attachments: readonly AttachmentRow[], messageIds: readonly string[]) =>
  attachments
    .filter((a) => messageIds.includes(a.messageId))
    .map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size }));

/** A request to end the relationship filed from a conversation, as both sides see it. */
export function toLinkedRelationshipEnd(row: RelationshipEndRow | undefined): LinkedRelationshipEnd | null {
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    openedBy: row.openedByStaffId ? 'staff' : 'borrower',
  };
}

export function toSummary(c: ConversationRow, unread: number): ConversationSummary {
  return {
    id: c.id,
    topic: c.topic,
    loanId: c.loanId,
    status: c.status,
    complaint: c.complaint,
    createdAt: c.createdAt.toISOString(),
    lastMessageAt: c.lastMessageAt.toISOString(),
    unread,
    rating: c.rating,
  };
}

/** The borrower's view: public messages only; a specialist is named by their display name. */
export function toBorrowerConversation(
  c: ConversationRow,
  unread: number,
  messages: readonly MessageRow[],
  attachments: readonly AttachmentRow[],
  relationshipEnd: RelationshipEndRow | undefined,
): Conversation {
  const visible: SupportMessage[] = resolveEdits(messages.filter((m) => !m.internal)).map(
    ({ first, latest, previousTexts }) => ({
      id: first.id,
      author: first.author,
      authorName: first.author === 'staff' ? (first.staffName ?? 'Специалист') : null,
      text: latest.text,
      createdAt: first.createdAt.toISOString(),
      edited: previousTexts.length > 0,
      attachments: attachmentsOf(attachments, [first.id, latest.id]),
    }),
  );
  return {
    ...toSummary(c, unread),
    messages: visible,
    relationshipEnd: toLinkedRelationshipEnd(relationshipEnd),
  };
}

/** What the desk's clocks need: today's date, the instant, the calendar and the working hours. */
export type DeskClock = { today: string; now: Date; calendar: ProductionCalendar; hours: WorkingHours };

/** An inbox row. */
export function toInboxItem(
  row: {
    conversation: ConversationRow;
    borrowerName: string;
    assignedStaffName: string | null;
    unread: number;
  },
  clock: DeskClock,
): InboxItem {
  const c = row.conversation;
  const today = clock.today;
  return {
    id: c.id,
    borrowerId: c.borrowerId,
    borrowerName: row.borrowerName,
    topic: c.topic,
    status: c.status,
    assignedStaffId: c.assignedStaffId,
    assignedStaffName: row.assignedStaffName,
    complaint: c.complaint,
    complaintDeadline: c.complaintDeadline,
    overdue: isComplaintOverdue(c.complaintDeadline, today, c.status === 'closed'),
    lastMessageAt: c.lastMessageAt.toISOString(),
    awaitingAnswerSince: c.awaitingAnswerSince?.toISOString() ?? null,
    waitingWorkingMinutes: c.awaitingAnswerSince
      ? workingMinutesBetween(clock.calendar, c.awaitingAnswerSince, clock.now, clock.hours)
      : null,
    unread: row.unread,
  };
}

/** The desk's view: everything, internal notes and the earlier texts of edited messages included. */
export function toDeskConversation(
  row: {
    conversation: ConversationRow;
    borrowerName: string;
    assignedStaffName: string | null;
    unread: number;
  },
  clock: DeskClock,
  messages: readonly MessageRow[],
  attachments: readonly AttachmentRow[],
  relationshipEnd: RelationshipEndRow | undefined,
): DeskConversation {
  const c = row.conversation;
  const clocks = responseClocks(
    clock.calendar,
    messages
      .filter((m) => !m.internal && !m.supersededBy)
      .map((m) => ({ author: m.author, at: m.createdAt })),
    clock.now,
    clock.hours,
  );
  const items: DeskMessage[] = resolveEdits(messages).map(({ first, latest, previousTexts }) => ({
    id: first.id,
    author: first.author,
    authorName: first.author === 'staff' ? first.staffName : row.borrowerName,
    staffId: first.staffId,
    text: latest.text,
    internal: first.internal,
    createdAt: first.createdAt.toISOString(),
    previousTexts,
    attachments: attachmentsOf(attachments, [first.id, latest.id]),
  }));
  return {
    ...toInboxItem(row, clock),
    loanId: c.loanId,
    createdAt: c.createdAt.toISOString(),
    firstAnsweredAt: c.firstAnsweredAt?.toISOString() ?? null,
    firstResponseWorkingMinutes: clocks.first,
    longestResponseWorkingMinutes: clocks.longest,
    closedAt: c.closedAt?.toISOString() ?? null,
    rating: c.rating,
    ratingComment: c.ratingComment,
    messages: items,
    relationshipEnd: toLinkedRelationshipEnd(relationshipEnd),
  };
}
