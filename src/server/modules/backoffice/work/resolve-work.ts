import { AcquiringError } from '../../../adapters/payments/acquiring-port';
import type { StaffActor } from '../../../actor';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { dropClaim } from './claim-repository';
import { findRefundWithPayment, updateRefundFrom } from './refund-work-repository';
import { assertHoldsClaim, queueSource } from './work-queues';
import { isInQueue } from './queue-repository';

const REFUSED = ['refused', 'canceled'] as const;

/**
 * Closes a queue item a person has dealt with outside the system (a failed payout: the borrower was told and
 * applies again). Only queues without an act of their own may be resolved this way (payouts); the actor must hold
 * the item. Audited as `backoffice.work.resolved` with the note — the queue leaves out items with that record.
 */
export async function resolveWorkItem(
  deps: Deps,
  options: { actor: StaffActor; queue: string; itemId: string; note: string; meta: RequestMeta },
): Promise<void> {
  const { actor, queue, itemId, note, meta } = options;
  if (queue !== 'payouts')
    throw new AppError('WORK_ITEM_NOT_FOUND', { detail: 'Это дело закрывается действием' });
  const source = queueSource(queue);
  await deps.db.transaction(async (tx) => {
    if (!(await isInQueue(tx, source, itemId))) throw new AppError('WORK_ITEM_NOT_FOUND');
    await assertHoldsClaim(deps, tx, { actor, queue, itemId });
    await audit(tx, {
      meta,
      actor,
      action: 'backoffice.work.resolved',
      subjectId: itemId,
      details: { queue, note },
    });
    await dropClaim(tx, queue, itemId);
  });
}

/**
 * Sends a refused (or cancelled) overpayment refund to the acquirer again, as a new attempt with its own
 * idempotence key (`<id>:<n>`). Its answer is stored (pending / succeeded, or canceled); a failure leaves it
 * refused with the acquirer's message. The actor must hold the item. Audited as `backoffice.refund.retried`.
 */
export async function retryRefund(
  deps: Deps,
  options: { actor: StaffActor; refundId: string; meta: RequestMeta },
): Promise<{ status: string; failureReason: string | null }> {
  const { actor, refundId, meta } = options;
  const attempt = await deps.db.transaction(async (tx) => {
    const found = await findRefundWithPayment(tx, refundId, true);
    if (!found || !(REFUSED as readonly string[]).includes(found.refund.status) || !found.providerPaymentId)
      throw new AppError('WORK_ITEM_NOT_FOUND');
    await assertHoldsClaim(deps, tx, { actor, queue: 'refunds', itemId: refundId });
    const attempts = found.refund.attempts + 1;
    await updateRefundFrom(tx, refundId, REFUSED, { status: 'pending', attempts, failureReason: null });
    await audit(tx, {
      meta,
      actor,
      action: 'backoffice.refund.retried',
      subjectId: refundId,
      details: { attempts },
    });
    return { refund: found.refund, providerPaymentId: found.providerPaymentId, attempts };
  });
  try {
    const result = await deps.acquiring.createRefund({
      idempotenceKey: `${refundId}:${attempt.attempts}`,
      providerPaymentId: attempt.providerPaymentId,
      amount: attempt.refund.amount,
      description: 'Возврат переплаты по займу',
    });
    await updateRefundFrom(deps.db, refundId, ['pending'], {
      status: result.status,
      providerRefundId: result.providerRefundId,
      ...(result.status === 'pending' ? {} : { settledAt: deps.clock.now() }),
    });
    if (result.status !== 'canceled') await dropClaim(deps.db, 'refunds', refundId);
    return { status: result.status, failureReason: null };
  } catch (error) {
    const failureReason = error instanceof AcquiringError ? error.message : 'Эквайер не ответил';
    await updateRefundFrom(deps.db, refundId, ['pending'], {
      status: 'refused',
      failureReason,
      settledAt: deps.clock.now(),
    });
    return { status: 'refused', failureReason };
  }
}

/**
 * Records that a refused refund was paid by the lender's bank transfer (the payment order's number): the refund
 * leaves the queue as `paid_by_transfer`. The ledger already booked the refund when it was made. The actor must
 * hold the item. Audited as `backoffice.refund.paid-by-transfer`.
 */
export async function markRefundPaidByTransfer(
  deps: Deps,
  options: { actor: StaffActor; refundId: string; paymentOrder: string; meta: RequestMeta },
): Promise<void> {
  const { actor, refundId, paymentOrder, meta } = options;
  await deps.db.transaction(async (tx) => {
    const found = await findRefundWithPayment(tx, refundId, true);
    if (!found || !(REFUSED as readonly string[]).includes(found.refund.status))
      throw new AppError('WORK_ITEM_NOT_FOUND');
    await assertHoldsClaim(deps, tx, { actor, queue: 'refunds', itemId: refundId });
    await updateRefundFrom(tx, refundId, REFUSED, {
      status: 'paid_by_transfer',
      settledAt: deps.clock.now(),
    });
    await audit(tx, {
      meta,
      actor,
      action: 'backoffice.refund.paid-by-transfer',
      subjectId: refundId,
      details: { paymentOrder, amount: String(found.refund.amount) },
    });
    await dropClaim(tx, 'refunds', refundId);
  });
}
