import { dateInZone, type IsoDate } from '../../../domain/calendar';
import { paymentLines } from '../../../domain/ledger';
import { formatRub, type Kopecks } from '../../../domain/money';
import { formatRuDate } from '../../../domain/russian';
import { allocatePayment, type Allocation } from '../../../domain/servicing';
import type { Tx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { audit } from '../audit/audit';
import { book } from '../ledger/ledger-repository';
import { postMessage } from '../messaging/post-message';
import { bookPaymentPoints, releasePaymentPoints } from '../engagement/points-discount';
import { rewardPayment } from '../engagement/reward-payment';
import { accrueLoans } from '../servicing/accrual-repository';
import { debtOf, totalDebt } from '../../../domain/loan-position';
import { readBalances, type BalancesRow, type LoanRow } from '../servicing/loan-account';
import { applyProlongation } from '../servicing/apply-prolongation';
import { rescheduleAfterPartialRepayment } from './reschedule-after-payment';
import {
  findLoanForUpdate,
  getContractNumber,
  getLoanById,
  getPaymentById,
  settlePendingPayment,
  updateLoan,
  updatePayment,
  type LoanChanges,
  type PaymentRow,
} from './repository';

/** What the provider accepted: our payment, its id there, the amount (kopecks) and when. */
export type AcceptedPayment = {
  paymentId: string;
  providerPaymentId: string;
  amount: Kopecks;
  acceptedAt: Date;
};

/**
 * Credits a payment the provider accepted, inside the caller's transaction, once. Locking order: the loan row
 * first (FOR UPDATE), then the payment moves from pending to succeeded — a second notification finds it no
 * longer pending and does nothing. Then, in order: interest and penalty up to the payment date, the allocation by
 * the legal order (353-FZ art. 5 p. 20) booked to the ledger, the loan's status (closed, back to active), a new
 * schedule after a partial early repayment, the prolongation the payment paid for, the rewards (bonus points,
 * raffle entries) of a payment on time, the borrower's messages, the audit record.
 */
export async function creditPayment(deps: Deps, tx: Tx, accepted: AcceptedPayment): Promise<void> {
  const { paymentId, providerPaymentId, amount, acceptedAt } = accepted;
  const payment = await getPaymentById(tx, paymentId);
  const loan = await findLoanForUpdate(tx, payment.loanId);
  const paymentDate = dateInZone(acceptedAt, deps.config.timeZone);
  const claimed = await settlePendingPayment(tx, paymentId, {
    status: 'succeeded',
    providerPaymentId,
    acceptedAt,
    paymentDate,
    amount,
    creditedAt: deps.clock.now(),
  });
  if (!claimed || !loan) return; // credited by another notification
  const serviced = loan.status === 'active' || loan.status === 'overdue';
  if (serviced) await catchUpAccrual(tx, loan.id, paymentDate);
  await spendPaymentPoints(deps, tx, { payment: claimed, serviced, paymentDate });
  const allocation = await allocateAndBook(tx, { loanId: loan.id, providerPaymentId, amount, paymentDate });
  await recordAllocation(tx, paymentId, allocation);
  const { closes, after, current } = await settleLoanStatus(tx, { loan, serviced, allocation, paymentDate });
  if (!closes && claimed.purpose === 'custom' && allocation.applied.currentPrincipal > 0n)
    await rescheduleAfterPartialRepayment(tx, {
      loan: current,
      principal: after.principal,
      from: paymentDate,
      mode: claimed.recalculation ?? 'payment',
    });
  await applyPaidProlongation(deps, tx, claimed, current);
  if (serviced)
    await rewardPayment(deps, tx, {
      borrowerId: loan.borrowerId,
      loanId: loan.id,
      loanStatus: loan.status,
      paymentId,
      paymentDate,
      allocation,
      closes,
    });
  await postCreditMessages(deps, tx, { loan, paymentId, amount, paymentDate, closes });
  await audit(tx, {
    actor: { kind: 'system' },
    action: 'payment.credited',
    subjectId: paymentId,
    details: { loanId: loan.id, providerPaymentId, amount: String(amount), closes },
  });
}

/**
 * Bonus points the payment carries take their discount off the interest before the money is allocated
 * (engagement/points-discount.ts). When they can no longer be booked (spent or expired meanwhile, the loan no
 * longer serviced), the payment keeps no discount and its money is credited as it is.
 */
async function spendPaymentPoints(
  deps: Deps,
  tx: Tx,
  input: { payment: PaymentRow; serviced: boolean; paymentDate: IsoDate },
): Promise<void> {
  const { payment } = input;
  if (!payment.points || !payment.pointsDiscount) return;
  // A loan no longer serviced: bookPaymentPoints is not asked, so the hold is released here.
  if (!input.serviced) await releasePaymentPoints(deps, tx, payment.id);
  const booked =
    input.serviced &&
    (await bookPaymentPoints(deps, tx, {
      id: payment.id,
      loanId: payment.loanId,
      borrowerId: payment.borrowerId,
      points: payment.points,
      discount: payment.pointsDiscount,
      on: input.paymentDate,
    }));
  if (booked) return;
  deps.log.warn({ paymentId: payment.id }, 'bonus points of the payment could not be spent');
  await updatePayment(tx, payment.id, { points: null, pointsDiscount: null });
}

/** Interest and penalty up to the payment date first, so the payment meets the debt of its own day. */
async function catchUpAccrual(tx: Tx, loanId: string, paymentDate: IsoDate): Promise<void> {
  await accrueLoans(tx, { date: paymentDate, loanIds: [loanId], dueProcessing: false, kind: 'accrual' });
}

/** Splits the amount over the debt by the payment order and books it (ledger key `payment:<provider id>`). */
async function allocateAndBook(
  tx: Tx,
  payment: { loanId: string; providerPaymentId: string; amount: Kopecks; paymentDate: IsoDate },
): Promise<Allocation> {
  const balances = await readBalances(tx, payment.loanId);
  const allocation = allocatePayment(payment.amount, debtOf(balances));
  await book(tx, {
    kind: 'payment',
    loanId: payment.loanId,
    idempotencyKey: `payment:${payment.providerPaymentId}`,
    businessDate: payment.paymentDate,
    lines: paymentLines(payment.amount, allocation),
  });
  return allocation;
}

/** Keeps the allocation on the payment (the receipt): bucket → kopecks as decimal strings, the overpayment too. */
async function recordAllocation(tx: Tx, paymentId: string, allocation: Allocation): Promise<void> {
  const parts: [string, Kopecks][] = [
    ...Object.entries(allocation.applied),
    ['overpayment', allocation.overpayment],
  ];
  await updatePayment(tx, paymentId, {
    allocation: Object.fromEntries(parts.map(([bucket, amount]) => [bucket, String(amount)])),
  });
}

/**
 * The loan after the payment: closed when nothing is owed, back to active when no overdue debt is left; a payment
 * of principal moves the interest base date. A payment into a closed loan (all of it an overpayment) changes
 * nothing on the loan. Returns the balances after, and the loan row as it was before these changes (after accrual).
 */
async function settleLoanStatus(
  tx: Tx,
  input: { loan: LoanRow; serviced: boolean; allocation: Allocation; paymentDate: IsoDate },
): Promise<{ closes: boolean; after: BalancesRow; current: LoanRow }> {
  const { loan, serviced, allocation, paymentDate } = input;
  const after = await readBalances(tx, loan.id);
  const current = await getLoanById(tx, loan.id);
  const principalPaid = allocation.applied.currentPrincipal + allocation.applied.overduePrincipal;
  const closes = serviced && totalDebt(after) === 0n;
  const overdueLeft = after.principalOverdue + after.interestOverdue > 0n;
  const changes: LoanChanges = {
    ...(principalPaid > 0n ? { interestBaseDate: paymentDate } : {}),
    ...(closes ? { status: 'closed' as const, closedOn: paymentDate, overdueSince: null } : {}),
    ...(!closes && serviced && !overdueLeft ? { status: 'active' as const, overdueSince: null } : {}),
  };
  if (Object.keys(changes).length > 0) await updateLoan(tx, loan.id, changes);
  return { closes, after, current };
}

/** A payment for a prolongation puts the signed addendum in force (servicing's applyProlongation). */
async function applyPaidProlongation(deps: Deps, tx: Tx, payment: PaymentRow, loan: LoanRow): Promise<void> {
  if (payment.prolongationId)
    await applyProlongation(deps, { tx, prolongationId: payment.prolongationId, loan });
}

/** Tells the borrower the payment was credited, and that the loan is repaid when it closes it (once each). */
async function postCreditMessages(
  deps: Deps,
  tx: Tx,
  credit: { loan: LoanRow; paymentId: string; amount: Kopecks; paymentDate: IsoDate; closes: boolean },
): Promise<void> {
  const { loan } = credit;
  const contractNumber = await getContractNumber(tx, loan.contractId);
  await postMessage(tx, {
    borrowerId: loan.borrowerId,
    loanId: loan.id,
    kind: 'payment_credited',
    text: `Платёж ${formatRub(credit.amount)} по договору № ${contractNumber} зачислен ${formatRuDate(credit.paymentDate)}.`,
    dedupeKey: `credited:${credit.paymentId}`,
    now: deps.clock.now(),
  });
  if (credit.closes)
    await postMessage(tx, {
      borrowerId: loan.borrowerId,
      loanId: loan.id,
      kind: 'loan_closed',
      text: `Заём по договору № ${contractNumber} полностью погашен. Справка о погашении — в личном кабинете.`,
      dedupeKey: `closed:${loan.id}`,
      now: deps.clock.now(),
    });
}
