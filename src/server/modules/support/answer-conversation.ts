import type { DeskConversation } from '../../../contracts/backoffice-support';
import { SUPPORT_TOPIC_LABELS, type AttachmentUpload } from '../../../contracts/support';
import type { StaffActor } from '../../actor';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { postMessage } from '../messaging/post-message';
import { checkAttachments, saveAttachments } from './attachments';
import { auditDesk, loadDeskConversation, lockForDesk } from './desk';
import { insertSupportMessage, notifySupportEvent, updateConversation } from './support-repository';

/**
 * A specialist writes in a conversation.
 * - An answer (`internal: false`) goes to the borrower: the conversation becomes «waiting» for the borrower, the
 *   answer clock stops (the first answer is recorded once), an unassigned conversation becomes the author's, and
 *   the borrower gets an in-account message with an optional SMS (kind `support_answer`, switchable off).
 * - An internal note (`internal: true`) is for the desk only: the borrower never sees it; nothing else changes.
 * Throws CONVERSATION_NOT_FOUND, CONVERSATION_CLOSED, ATTACHMENT_*. Audited.
 */
export async function answerConversation(
  deps: Deps,
  request: {
    actor: StaffActor;
    conversationId: string;
    text: string;
    internal: boolean;
    attachments?: AttachmentUpload[] | undefined;
    meta: RequestMeta;
  },
): Promise<DeskConversation> {
  const files = checkAttachments(deps, request.attachments);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const conversation = await lockForDesk(tx, request.conversationId);
    if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    const message = await insertSupportMessage(tx, {
      conversationId: conversation.id,
      author: 'staff',
      staffId: request.actor.staffId,
      text: request.text,
      internal: request.internal,
      now,
    });
    await saveAttachments(deps, tx, { conversationId: conversation.id, messageId: message.id }, files);
    if (request.internal) {
      await updateConversation(tx, conversation.id, { updatedAt: now, staffReadAt: now });
    } else {
      await updateConversation(tx, conversation.id, {
        status: 'waiting',
        assignedStaffId: conversation.assignedStaffId ?? request.actor.staffId,
        firstAnsweredAt: conversation.firstAnsweredAt ?? now,
        awaitingAnswerSince: null,
        lastMessageAt: now,
        updatedAt: now,
        staffReadAt: now,
      });
      await postMessage(tx, {
        borrowerId: conversation.borrowerId,
        loanId: conversation.loanId,
        kind: 'support_answer',
        text: `Специалист ответил на ваш вопрос («${SUPPORT_TOPIC_LABELS[conversation.topic]}»). Ответ — в разделе «Вопросы специалисту» личного кабинета.`,
        dedupeKey: `support-answer:${message.id}`,
        now,
      });
    }
    await auditDesk(
      tx,
      request.actor,
      request.internal ? 'note.added' : 'answer.sent',
      conversation.id,
      request.meta,
      {
        messageId: message.id,
      },
    );
    await notifySupportEvent(tx, conversation);
    return loadDeskConversation(deps, tx, conversation.id);
  });
}
