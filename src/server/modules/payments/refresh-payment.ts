import type { Deps } from '../../deps';
import { releasePaymentPoints } from '../engagement/points-discount';
import { creditPayment } from './credit-payment';
import { findPaymentOfProvider, settlePendingPayment } from './repository';

/**
 * What the provider's notification triggers (and a borrower's look at a processing payment, and the demo payment
 * page): re-read the payment from the provider — a notification is never trusted by itself — and record its
 * outcome. Crediting happens once, however many notifications arrive at once: the loan row is locked, and only the
 * transaction that moves the payment from pending to succeeded books it (the ledger's key `payment:<provider id>`
 * is a second guard). Throws AcquiringError when the provider cannot be asked (`retryable`) or does not know the
 * payment (not retryable); an unknown payment of ours is logged and ignored.
 */
export async function refreshPayment(deps: Deps, options: { providerPaymentId: string }): Promise<void> {
  const { providerPaymentId } = options;
  const provider = await deps.acquiring.getPayment(providerPaymentId);
  const row = await findPaymentOfProvider(deps.db, providerPaymentId, provider.metadata.paymentId);
  if (!row) {
    deps.log.warn({ providerPaymentId }, 'notification for an unknown payment');
    return;
  }
  if (provider.status === 'pending' || row.status !== 'pending') return;
  if (provider.status === 'canceled') {
    await deps.db.transaction(async (tx) => {
      const canceled = await settlePendingPayment(tx, row.id, {
        status: 'canceled',
        failureReason: provider.cancellationReason ?? 'Платёж не прошёл',
        providerPaymentId,
      });
      // The points held for it are available again (engagement/points-discount.ts).
      if (canceled) await releasePaymentPoints(deps, tx, row.id);
    });
    return;
  }
  if (provider.amount !== row.amount)
    deps.log.error(
      { paymentId: row.id, providerPaymentId },
      'the provider accepted another amount; crediting what it accepted',
    );
  const acceptedAt = provider.acceptedAt ?? deps.clock.now();
  await deps.db.transaction((tx) =>
    creditPayment(deps, tx, { paymentId: row.id, providerPaymentId, amount: provider.amount, acceptedAt }),
  );
}
