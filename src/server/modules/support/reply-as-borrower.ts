import type { Conversation, AttachmentUpload } from '../../../contracts/support';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { checkAttachments, saveAttachments } from './attachments';
import {
  findConversation,
  insertSupportMessage,
  notifySupportEvent,
  updateConversation,
} from './support-repository';
import { showConversation } from './show-conversation';

/**
 * The borrower writes in their conversation: back to «open» when a specialist holds it (else «new»), and the
 * answer clock runs again if it had stopped. Throws CONVERSATION_NOT_FOUND (also for another's), CONVERSATION_CLOSED.
 */
export async function replyAsBorrower(
  deps: Deps,
  request: {
    borrowerId: string;
    conversationId: string;
    text: string;
    attachments?: AttachmentUpload[] | undefined;
  },
): Promise<Conversation> {
  const files = checkAttachments(deps, request.attachments);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const conversation = await findConversation(tx, request.conversationId, {
      borrowerId: request.borrowerId,
      lock: true,
    });
    if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
    if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    const message = await insertSupportMessage(tx, {
      conversationId: conversation.id,
      author: 'borrower',
      staffId: null,
      text: request.text,
      internal: false,
      now,
    });
    await saveAttachments(deps, tx, { conversationId: conversation.id, messageId: message.id }, files);
    await updateConversation(tx, conversation.id, {
      status: conversation.assignedStaffId ? 'open' : 'new',
      awaitingAnswerSince: conversation.awaitingAnswerSince ?? now,
      lastMessageAt: now,
      updatedAt: now,
      borrowerReadAt: now,
    });
    await notifySupportEvent(tx, { id: conversation.id, borrowerId: request.borrowerId });
  });
  return showConversation(deps, request);
}
