import type { PaymentView } from '../../../contracts/servicing';
import type { Deps } from '../../deps';
import { paymentView } from './payment-view';
import { refreshPayment } from './refresh-payment';
import { getOwnPayment, getPaymentById } from './repository';

/**
 * The borrower's payment (PAYMENT_NOT_FOUND for another person's or another loan's), brought up to date with the
 * provider while it is processing; a provider that cannot answer now leaves the stored state.
 */
export async function getPayment(
  deps: Deps,
  options: { borrowerId: string; loanId: string; paymentId: string },
): Promise<PaymentView> {
  const row = await getOwnPayment(deps.db, options);
  if (row.status !== 'pending' || !row.providerPaymentId) return paymentView(row);
  await refreshPayment(deps, { providerPaymentId: row.providerPaymentId }).catch((error: unknown) =>
    deps.log.warn({ err: error, paymentId: options.paymentId }, 'payment refresh failed'),
  );
  return paymentView(await getPaymentById(deps.db, options.paymentId));
}
