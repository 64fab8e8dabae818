import type { DeskConversation } from '../../../contracts/backoffice-support';
import { dateInZone } from '../../../domain/calendar';
import { complaintDeadline } from '../../../domain/support';
import type { StaffActor } from '../../actor';
import type { Deps, RequestMeta } from '../../deps';
import { loadProductionCalendar } from '../servicing/production-calendar';
import { auditDesk, loadDeskConversation, lockForDesk } from './desk';
import { notifySupportEvent, updateConversation } from './support-repository';

/**
 * Marks a conversation as a complaint (or takes the mark off): the statutory clock counts from the day the
 * conversation was received, SUPPORT_COMPLAINT_WORKING_DAYS working days (15 by the Bank of Russia's base standard
 * for MFOs) by the production calendar; the inbox flags it once the deadline has passed unanswered. Audited.
 */
export async function markComplaint(
  deps: Deps,
  request: { actor: StaffActor; conversationId: string; complaint: boolean; meta: RequestMeta },
): Promise<DeskConversation> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const conversation = await lockForDesk(tx, request.conversationId);
    const receivedOn = dateInZone(conversation.createdAt, deps.config.timeZone);
    const deadline = request.complaint
      ? complaintDeadline(
          await loadProductionCalendar(tx),
          receivedOn,
          deps.config.support.complaintWorkingDays,
        )
      : null;
    await updateConversation(tx, conversation.id, {
      complaint: request.complaint,
      complaintAt: request.complaint ? (conversation.complaintAt ?? now) : null,
      complaintDeadline: deadline,
      updatedAt: now,
    });
    await auditDesk(
      tx,
      request.actor,
      request.complaint ? 'complaint.marked' : 'complaint.unmarked',
      conversation.id,
      request.meta,
      {
        deadline,
      },
    );
    await notifySupportEvent(tx, conversation);
    return loadDeskConversation(deps, tx, conversation.id);
  });
}
