import { and, desc, eq } from 'drizzle-orm';
import { refundLines } from '../../../domain/ledger';
import { payments, refunds } from '../../adapters/db/schema-servicing';
import { AcquiringError } from '../../adapters/payments/acquiring-port';
import { AppError } from '../../app-error';
import { audit } from '../audit/audit';
import type { Deps, RequestMeta } from '../../deps';
import { book } from '../ledger/ledger';
import { businessToday, getOwnLoan, readBalances } from '../servicing/loan-account';

/**
 * Returns the overpayment to the card or account of the last credited payment (a refund at the acquirer).
 * The refund row is written and the ledger booked in one transaction with the loan locked, so a double click
 * cannot return the money twice; the row id is the acquirer's idempotence key.
 */
export async function refundOverpayment(deps: Deps, borrowerId: string, loanId: string, meta: RequestMeta) {
  const refund = await deps.db.transaction(async (tx) => {
    const loan = await getOwnLoan(tx, { borrowerId, loanId, lock: true });
    const overpayment = -(await readBalances(tx, loan.id)).overpayment;
    if (overpayment <= 0n) throw new AppError('NO_OVERPAYMENT');
    const [source] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.loanId, loan.id), eq(payments.status, 'succeeded')))
      .orderBy(desc(payments.creditedAt))
      .limit(1);
    if (!source?.providerPaymentId) throw new AppError('NO_OVERPAYMENT');
    const [row] = await tx
      .insert(refunds)
      .values({
        loanId: loan.id,
        paymentId: source.id,
        amount: overpayment,
        status: 'pending',
        createdAt: deps.clock.now(),
      })
      .returning();
    await book(tx, {
      kind: 'refund',
      loanId: loan.id,
      idempotencyKey: `refund:${row!.id}`,
      businessDate: businessToday(deps),
      lines: refundLines(overpayment),
    });
    await audit(tx, {
      meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'overpayment.refund',
      subjectId: row!.id,
      details: { loanId, amount: String(overpayment) },
    });
    return { ...row!, providerPaymentId: source.providerPaymentId };
  });
  try {
    const result = await deps.acquiring.createRefund({
      idempotenceKey: refund.id,
      providerPaymentId: refund.providerPaymentId,
      amount: refund.amount,
      description: 'Возврат переплаты по займу',
    });
    await deps.db
      .update(refunds)
      .set({ status: result.status, providerRefundId: result.providerRefundId })
      .where(eq(refunds.id, refund.id));
  } catch (error) {
    // The refund is owed and recorded: a specialist (or a retry with the same key) completes it.
    deps.log.error(
      { err: error, refundId: refund.id, retryable: error instanceof AcquiringError && error.retryable },
      'refund not sent',
    );
  }
}
