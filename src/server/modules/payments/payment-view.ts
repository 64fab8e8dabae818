import type { PaymentView } from '../../../contracts/servicing';
import { kopecksToWire } from '../../../contracts/kopecks';
import { allocationLabel } from '../../../domain/labels';
import type { PaymentRow } from './repository';

/** Our stored status as the borrower sees it: a code (the web app holds the Russian labels). */
const wireStatus = (row: PaymentRow): PaymentView['status'] =>
  row.status === 'succeeded' ? 'credited' : row.status === 'canceled' ? 'failed' : 'processing';

/**
 * A payment row → the wire (ZPayment): amounts as kopeck strings, the allocation with the labels of
 * domain/labels (zero parts left out), the provider's page only while processing, the receipt once credited.
 */
export function paymentView(row: PaymentRow): PaymentView {
  const status = wireStatus(row);
  return {
    id: row.id,
    loanId: row.loanId,
    purpose: row.purpose,
    method: row.method,
    amount: kopecksToWire(row.amount),
    status,
    failureReason: row.failureReason,
    confirmationUrl: status === 'processing' ? row.confirmationUrl : null,
    paymentDate: row.paymentDate,
    createdAt: row.createdAt.toISOString(),
    allocation: row.allocation
      ? Object.entries(row.allocation)
          .filter(([, amount]) => amount !== '0')
          .map(([bucket, amount]) => ({ label: allocationLabel(bucket), amount }))
      : null,
    receiptUrl: status === 'credited' ? `/api/me/payments/${row.id}/receipt` : null,
    points: row.points,
    pointsDiscount: row.pointsDiscount === null ? null : kopecksToWire(row.pointsDiscount),
  };
}
