import type { Conversation } from '../../../contracts/support';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { findConversation, notifySupportEvent, updateConversation } from './support-repository';
import { showConversation } from './show-conversation';

/**
 * The borrower's satisfaction (1–5, an optional comment) with a closed conversation; a later rating replaces an
 * earlier one. Throws CONVERSATION_NOT_FOUND, CONVERSATION_NOT_CLOSED.
 */
export async function rateConversation(
  deps: Deps,
  request: { borrowerId: string; conversationId: string; rating: number; comment?: string | undefined },
): Promise<Conversation> {
  await deps.db.transaction(async (tx) => {
    const conversation = await findConversation(tx, request.conversationId, {
      borrowerId: request.borrowerId,
      lock: true,
    });
    if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
    if (conversation.status !== 'closed') throw new AppError('CONVERSATION_NOT_CLOSED');
    await updateConversation(tx, conversation.id, {
      rating: request.rating,
      ratingComment: request.comment ?? null,
      updatedAt: deps.clock.now(),
    });
    await notifySupportEvent(tx, { id: conversation.id, borrowerId: request.borrowerId });
  });
  return showConversation(deps, request);
}
