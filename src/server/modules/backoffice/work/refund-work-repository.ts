import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../adapters/db/database';
import { payments, refunds } from '../../../adapters/db/schema-servicing';

/** A refund with the acquirer's id of the payment it returns money through; locked when `lock`. */
export async function findRefundWithPayment(db: DbOrTx, refundId: string, lock = false) {
  const query = db
    .select({ refund: refunds, providerPaymentId: payments.providerPaymentId })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(eq(refunds.id, refundId));
  const [row] = lock ? await query.for('update', { of: refunds }) : await query;
  return row;
}

/** Updates a refund still in one of `from` (refused / canceled); returns whether it did. */
export async function updateRefundFrom(
  db: DbOrTx,
  refundId: string,
  from: readonly ('pending' | 'refused' | 'canceled')[],
  values: Partial<typeof refunds.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(refunds)
    .set(values)
    .where(and(eq(refunds.id, refundId), inArray(refunds.status, [...from])))
    .returning({ id: refunds.id });
  return rows.length > 0;
}
