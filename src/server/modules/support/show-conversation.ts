import type { Conversation, ConversationList } from '../../../contracts/support';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import {
  borrowerUnreadOf,
  findConversation,
  listBorrowerConversations,
  listConversationAttachments,
  listConversationMessages,
  updateConversation,
} from './support-repository';
import { findEndRequestOfConversation } from './support-cases-repository';
import { toBorrowerConversation, toSummary } from './support-views';

/**
 * One of the borrower's conversations with its messages (internal notes never included). Another borrower's
 * conversation is 404 CONVERSATION_NOT_FOUND, like a missing one. `markRead` (the page is open) clears the badge.
 */
export async function showConversation(
  deps: Pick<Deps, 'db' | 'clock'>,
  request: { borrowerId: string; conversationId: string; markRead?: boolean },
): Promise<Conversation> {
  const conversation = await findConversation(deps.db, request.conversationId, {
    borrowerId: request.borrowerId,
  });
  if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
  if (request.markRead) {
    const now = deps.clock.now();
    await updateConversation(deps.db, conversation.id, { borrowerReadAt: now });
    conversation.borrowerReadAt = now;
  }
  const [unread, messages, attachments, relationshipEnd] = await Promise.all([
    borrowerUnreadOf(deps.db, conversation.id),
    listConversationMessages(deps.db, conversation.id, { internal: false }),
    listConversationAttachments(deps.db, conversation.id),
    findEndRequestOfConversation(deps.db, conversation.id),
  ]);
  return toBorrowerConversation(conversation, unread, messages, attachments, relationshipEnd);
}

/** All the borrower's conversations, latest activity first, with unread counts and their total (the badge). */
export async function listConversations(
  deps: Pick<Deps, 'db'>,
  request: { borrowerId: string },
): Promise<ConversationList> {
  const rows = await listBorrowerConversations(deps.db, request.borrowerId);
  const items = rows.map((r) => toSummary(r.conversation, r.unread));
  return { items, unread: items.reduce((sum, c) => sum + c.unread, 0) };
}
