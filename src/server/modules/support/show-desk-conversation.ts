import type { DeskConversation } from '../../../contracts/backoffice-support';
import type { StaffActor } from '../../actor';
import type { Deps, RequestMeta } from '../../deps';
import { auditDesk, loadDeskConversation, lockForDesk } from './desk';
import { updateConversation } from './support-repository';

/**
 * A specialist opens a conversation: all messages, internal notes included; the desk's unread badge clears. The
 * read is audited (the messages are the borrower's personal data). Throws CONVERSATION_NOT_FOUND.
 */
export async function showDeskConversation(
  deps: Deps,
  request: { actor: StaffActor; conversationId: string; meta: RequestMeta },
): Promise<DeskConversation> {
  return deps.db.transaction(async (tx) => {
    const conversation = await lockForDesk(tx, request.conversationId);
    await updateConversation(tx, conversation.id, { staffReadAt: deps.clock.now() });
    await auditDesk(tx, request.actor, 'conversation.viewed', conversation.id, request.meta);
    return loadDeskConversation(deps, tx, conversation.id);
  });
}
