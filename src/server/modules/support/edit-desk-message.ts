import type { DeskConversation } from '../../../contracts/backoffice-support';
import type { StaffActor } from '../../actor';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { auditDesk, loadDeskConversation, lockForDesk } from './desk';
import {
  findMessage,
  insertSupportMessage,
  notifySupportEvent,
  supersedeMessage,
  updateConversation,
} from './support-repository';

/**
 * A specialist corrects their own latest version of a message: a new row with the new text, and the old row points
 * at it (`superseded_by`) — the original stays, the desk sees every earlier text. Someone else's message, a
 * borrower's, or an already superseded version: MESSAGE_NOT_EDITABLE. Audited.
 */
export async function editDeskMessage(
  deps: Deps,
  request: { actor: StaffActor; conversationId: string; messageId: string; text: string; meta: RequestMeta },
): Promise<DeskConversation> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const conversation = await lockForDesk(tx, request.conversationId);
    // The id the desk shows is the original's: follow the chain to its latest version.
    let message = await findMessage(tx, conversation.id, request.messageId);
    while (message?.supersededBy) message = await findMessage(tx, conversation.id, message.supersededBy);
    if (!message || message.author !== 'staff' || message.staffId !== request.actor.staffId)
      throw new AppError('MESSAGE_NOT_EDITABLE');
    const edited = await insertSupportMessage(tx, {
      conversationId: conversation.id,
      author: 'staff',
      staffId: request.actor.staffId,
      text: request.text,
      internal: message.internal,
      now,
    });
    await supersedeMessage(tx, message.id, edited.id);
    await updateConversation(tx, conversation.id, { updatedAt: now });
    await auditDesk(tx, request.actor, 'message.edited', conversation.id, request.meta, {
      messageId: message.id,
      newMessageId: edited.id,
    });
    await notifySupportEvent(tx, conversation);
    return loadDeskConversation(deps, tx, conversation.id);
  });
}
