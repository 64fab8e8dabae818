import type { DeskConversation, Inbox, InboxBox } from '../../../contracts/backoffice-support';
import { dateInZone } from '../../../domain/calendar';
import type { StaffActor } from '../../actor';
import { readTogether, type DbOrTx } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import {
  countInbox,
  findConversation,
  findDeskConversation,
  listConversationAttachments,
  listConversationMessages,
  listInbox,
  type ConversationRow,
} from './support-repository';
import { findEndRequestOfConversation } from './support-cases-repository';
import { loadProductionCalendar } from '../servicing/production-calendar';
import { toDeskConversation, toInboxItem, type DeskClock } from './support-views';

/** Shared pieces of the desk's use cases: today's date, loading a conversation for the desk, auditing. */

export const todayOf = (deps: Pick<Deps, 'clock' | 'config'>) =>
  dateInZone(deps.clock.now(), deps.config.timeZone);

/** Today, now, the production calendar and the desk's working hours, for the response clocks. */
async function deskClock(deps: Pick<Deps, 'clock' | 'config'>, db: DbOrTx): Promise<DeskClock> {
  return {
    today: todayOf(deps),
    now: deps.clock.now(),
    calendar: await loadProductionCalendar(db),
    hours: deps.config.support.workingHours,
  };
}

/**
 * One folder of the inbox and the counts of all folders (new, mine, waiting for the borrower, closed, overdue
 * complaints). Lists show names and topics only (no personal data beyond the name), so they are not audited.
 */
export async function showInbox(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  request: { actor: StaffActor; box: InboxBox },
): Promise<Inbox> {
  const clock = await deskClock(deps, deps.db);
  const [counts, rows] = await Promise.all([
    countInbox(deps.db, request.actor.staffId, clock.today),
    listInbox(deps.db, request.box, request.actor.staffId, clock.today),
  ]);
  return { counts, items: rows.map((r) => toInboxItem(r, clock)) };
}

/** The conversation as the desk sees it. Throws CONVERSATION_NOT_FOUND. */
export async function loadDeskConversation(
  deps: Pick<Deps, 'clock' | 'config'>,
  db: DbOrTx,
  conversationId: string,
): Promise<DeskConversation> {
  const row = await findDeskConversation(db, conversationId);
  if (!row) throw new AppError('CONVERSATION_NOT_FOUND');
  // Often in the caller's transaction (after a desk action): readTogether runs them one after another there.
  const [messages, attachments, relationshipEnd] = await readTogether(db, [
    () => listConversationMessages(db, conversationId, { internal: true }),
    () => listConversationAttachments(db, conversationId),
    () => findEndRequestOfConversation(db, conversationId),
  ]);
  return toDeskConversation(row, await deskClock(deps, db), messages, attachments, relationshipEnd);
}

/** Locks a conversation for a desk action. Throws CONVERSATION_NOT_FOUND. */
export async function lockForDesk(db: DbOrTx, conversationId: string): Promise<ConversationRow> {
  const conversation = await findConversation(db, conversationId, { lock: true });
  if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
  return conversation;
}

/** An audit record of a desk action on a conversation, in the caller's transaction. */
export const auditDesk = (
  db: DbOrTx,
  actor: StaffActor,
  action: string,
  conversationId: string,
  meta: RequestMeta,
  details: Record<string, unknown> = {},
) => audit(db, { actor, action: `support.${action}`, subjectId: conversationId, details, meta });
