import type { Conversation, NewConversation } from '../../../contracts/support';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { checkAttachments, saveAttachments } from './attachments';
import {
  nextRoundRobinStaff,
  updateConversation,
  insertConversation,
  insertSupportMessage,
  isBorrowersLoan,
  notifySupportEvent,
} from './support-repository';
import { showConversation } from './show-conversation';

/**
 * A borrower's new question to a specialist: a conversation with a topic from the closed list, optionally about one
 * of their own loans (another's loan or a missing one: 404 LOAN_NOT_FOUND), its first message and files. The
 * conversation starts «new» with its first-answer clock running — or, with SUPPORT_AUTO_ASSIGN, «open» with the
 * next specialist on duty of the round-robin (nobody on duty: it stays «new», unassigned). Throws ATTACHMENT_* for refused files.
 */
export async function askQuestion(
  deps: Deps,
  request: { borrowerId: string; body: NewConversation },
): Promise<Conversation> {
  const { borrowerId, body } = request;
  const files = checkAttachments(deps, body.attachments);
  const loanId = body.loanId ?? null;
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    if (loanId && !(await isBorrowersLoan(tx, borrowerId, loanId))) throw new AppError('LOAN_NOT_FOUND');
    const conversation = await insertConversation(tx, { borrowerId, topic: body.topic, loanId, now });
    const message = await insertSupportMessage(tx, {
      conversationId: conversation.id,
      author: 'borrower',
      staffId: null,
      text: body.text,
      internal: false,
      now,
    });
    await saveAttachments(deps, tx, { conversationId: conversation.id, messageId: message.id }, files);
    // Round-robin among the active specialists and seniors on duty: the one whose latest assignment is oldest;
    // with nobody on duty the conversation stays unassigned in «new».
    const assignee = deps.config.support.autoAssign ? await nextRoundRobinStaff(tx) : undefined;
    if (assignee)
      await updateConversation(tx, conversation.id, {
        assignedStaffId: assignee,
        status: 'open',
        updatedAt: now,
      });
    await notifySupportEvent(tx, { id: conversation.id, borrowerId });
    return conversation.id;
  });
  return showConversation(deps, { borrowerId, conversationId: id });
}
