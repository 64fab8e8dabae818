import type { DeskConversation } from '../../../contracts/backoffice-support';
import type { StaffActor } from '../../actor';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { auditDesk, loadDeskConversation, lockForDesk } from './desk';
import { findActiveAnsweringStaff, notifySupportEvent, updateConversation } from './support-repository';

/**
 * Gives a conversation to a specialist: the caller themself («take») or another active specialist or senior
 * (`staffId`; anyone else: 404 NOT_FOUND). A new conversation becomes «open»; a closed one cannot be assigned
 * (CONVERSATION_CLOSED). Audited.
 */
export async function assignConversation(
  deps: Deps,
  request: { actor: StaffActor; conversationId: string; staffId?: string; meta: RequestMeta },
): Promise<DeskConversation> {
  const target = request.staffId ?? request.actor.staffId;
  return deps.db.transaction(async (tx) => {
    const conversation = await lockForDesk(tx, request.conversationId);
    if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    if (!(await findActiveAnsweringStaff(tx, target))) throw new AppError('NOT_FOUND');
    await updateConversation(tx, conversation.id, {
      assignedStaffId: target,
      status: conversation.status === 'new' ? 'open' : conversation.status,
      updatedAt: deps.clock.now(),
    });
    await auditDesk(
      tx,
      request.actor,
      target === request.actor.staffId ? 'conversation.taken' : 'conversation.assigned',
      conversation.id,
      request.meta,
      { staffId: target, previous: conversation.assignedStaffId },
    );
    await notifySupportEvent(tx, conversation);
    return loadDeskConversation(deps, tx, conversation.id);
  });
}
