import type { DeskConversation } from '../../../contracts/backoffice-support';
import type { StaffActor } from '../../actor';
import type { Deps, RequestMeta } from '../../deps';
import { auditDesk, loadDeskConversation, lockForDesk } from './desk';
import { notifySupportEvent, updateConversation } from './support-repository';

/**
 * Closes a conversation (the clocks stop; the borrower is then asked to rate the answer and can ask a new
 * question). Closing a closed conversation changes nothing. Audited.
 */
export async function closeConversation(
  deps: Deps,
  request: { actor: StaffActor; conversationId: string; meta: RequestMeta },
): Promise<DeskConversation> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const conversation = await lockForDesk(tx, request.conversationId);
    if (conversation.status !== 'closed') {
      await updateConversation(tx, conversation.id, {
        status: 'closed',
        closedAt: now,
        awaitingAnswerSince: null,
        assignedStaffId: conversation.assignedStaffId ?? request.actor.staffId,
        updatedAt: now,
      });
      await auditDesk(tx, request.actor, 'conversation.closed', conversation.id, request.meta);
      await notifySupportEvent(tx, conversation);
    }
    return loadDeskConversation(deps, tx, conversation.id);
  });
}
