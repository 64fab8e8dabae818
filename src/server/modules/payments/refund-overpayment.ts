import { refundLines } from '../../../domain/ledger';
import { AcquiringError } from '../../adapters/payments/acquiring-port';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { book } from '../ledger/ledger-repository';
import { businessToday, getOwnLoan, readBalances } from '../servicing/loan-account';
import { findLastCreditedPayment, insertRefund, markRefundRefused, recordRefundResult } from './repository';

/**
 * Returns the overpayment to the card or account of the last credited payment (a refund at the acquirer).
 * The refund row is written and the ledger booked in one transaction with the loan locked, so a double click
 * cannot return the money twice; the row id is the acquirer's idempotence key. Throws LOAN_NOT_FOUND, and
 * NO_OVERPAYMENT when there is nothing to return (or no payment to return it through). A refund the acquirer
 * does not take now stays owed and recorded as `refused` (logged; the back office's refunds queue shows it), and
 * the call still succeeds.
 */
export async function refundOverpayment(
  deps: Deps,
  options: { borrowerId: string; loanId: string; meta: RequestMeta },
): Promise<void> {
  const { borrowerId, loanId, meta } = options;
  const refund = await deps.db.transaction(async (tx) => {
    const loan = await getOwnLoan(tx, { borrowerId, loanId, lock: true });
    const overpayment = -(await readBalances(tx, loan.id)).overpayment;
    if (overpayment <= 0n) throw new AppError('NO_OVERPAYMENT');
    const source = await findLastCreditedPayment(tx, loan.id);
    if (!source?.providerPaymentId) throw new AppError('NO_OVERPAYMENT');
    const row = await insertRefund(tx, {
      loanId: loan.id,
      paymentId: source.id,
      amount: overpayment,
      createdAt: deps.clock.now(),
    });
    await book(tx, {
      kind: 'refund',
      loanId: loan.id,
      idempotencyKey: `refund:${row.id}`,
      businessDate: businessToday(deps),
      lines: refundLines(overpayment),
    });
    await audit(tx, {
      meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'overpayment.refund',
      subjectId: row.id,
      details: { loanId, amount: String(overpayment) },
    });
    return { ...row, providerPaymentId: source.providerPaymentId };
  });
  try {
    const result = await deps.acquiring.createRefund({
      idempotenceKey: refund.id,
      providerPaymentId: refund.providerPaymentId,
      amount: refund.amount,
      description: 'Возврат переплаты по займу',
    });
    await recordRefundResult(deps.db, refund.id, result);
  } catch (error) {
    // The refund is owed and recorded: it shows as refused in the back office's queue, where a specialist sends
    // it again or pays it by bank transfer.
    await markRefundRefused(deps.db, refund.id, {
      failureReason: error instanceof AcquiringError ? error.message : 'Эквайер не ответил',
      at: deps.clock.now(),
    });
    deps.log.error(
      { err: error, refundId: refund.id, retryable: error instanceof AcquiringError && error.retryable },
      'refund not sent',
    );
  }
}
