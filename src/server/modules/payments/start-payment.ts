import { createHash } from 'node:crypto';
import { kopecksFromWire } from '../../../contracts/kopecks';
import type { CreatePayment, PaymentView } from '../../../contracts/servicing';
import { formatRub, type Kopecks } from '../../../domain/money';
import { AcquiringError } from '../../adapters/payments/acquiring-port';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { discountForPayment, holdPaymentPoints, releasePaymentPoints } from '../engagement/points-discount';
import { balancesOn, nextPaymentOf, payoffOn } from '../../../domain/loan-position';
import {
  businessToday,
  currentSchedule,
  getOwnLoan,
  loadPosition,
  positionOf,
  readBalances,
  type LoanRow,
} from '../servicing/loan-account';
import { paymentView } from './payment-view';
import {
  findPaymentByKey,
  findProlongationPayNow,
  getContractNumber,
  insertPayment,
  updatePayment,
  type PaymentRow,
} from './repository';

/** The least a borrower may pay: 1 ₽. */
const MIN_PAYMENT: Kopecks = 100n;

/** What identifies a request body: the same idempotency key with another body is refused. */
const requestHash = (body: CreatePayment) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        body.purpose,
        body.method,
        body.amount ?? null,
        body.recalculation ?? null,
        body.prolongationId ?? null,
        // Only when asked: the hash of a payment without points stays what it was.
        ...(body.points !== undefined ? [body.points] : []),
      ]),
    )
    .digest('hex');

/**
 * The amount (kopecks) of a payment of this purpose today: the payoff, the next instalment, the borrower's own
 * amount (1 ₽ … the payoff; PAYMENT_AMOUNT_INVALID otherwise) or a prolongation's price
 * (PROLONGATION_NOT_FOUND unless it awaits payment).
 */
async function amountFor(deps: Deps, loan: LoanRow, body: CreatePayment): Promise<Kopecks> {
  const today = businessToday(deps);
  const balances = await readBalances(deps.db, loan.id);
  // With the schedule: a due date moved off a holiday leaves its days free of interest (domain/accrual.ts).
  const position = positionOf(loan, balances, await currentSchedule(deps.db, loan));
  const payoff = payoffOn(position, today);
  switch (body.purpose) {
    case 'payoff':
      return payoff;
    case 'next': {
      const next = nextPaymentOf(position, today);
      return next?.amount ?? 0n;
    }
    case 'custom': {
      const amount = kopecksFromWire(body.amount ?? '0');
      if (amount < MIN_PAYMENT)
        throw new AppError('PAYMENT_AMOUNT_INVALID', {
          detail: 'Минимальная сумма платежа — 1 ₽',
          errors: [{ path: 'amount', message: 'Минимальная сумма платежа — 1 ₽' }],
        });
      if (amount > payoff)
        throw new AppError('PAYMENT_AMOUNT_INVALID', {
          detail: `Сумма больше всей задолженности на сегодня: ${formatRub(payoff)}`,
          errors: [{ path: 'amount', message: `Не больше ${formatRub(payoff)}` }],
        });
      return amount;
    }
    case 'prolongation': {
      const payNow = body.prolongationId
        ? await findProlongationPayNow(deps.db, loan.id, body.prolongationId)
        : undefined;
      if (payNow === undefined) throw new AppError('PROLONGATION_NOT_FOUND');
      return payNow;
    }
  }
}

/** The current and overdue interest (kopecks) owed today, with today's accrual not yet booked (as the loan page). */
async function interestOwedToday(deps: Deps, loan: LoanRow): Promise<Kopecks> {
  const owed = balancesOn(await loadPosition(deps.db, loan), businessToday(deps));
  return owed.interest + owed.interestOverdue;
}

/** Where the provider's page sends the payer back: the loan page, which then follows the payment. */
function returnUrl(deps: Deps, loanId: string, paymentId: string) {
  const path = `/account/loans/${loanId}?payment=${paymentId}`;
  return deps.config.publicUrl ? new URL(path, deps.config.publicUrl).toString() : path;
}

/**
 * Asks the provider to create (or, after a failure, return) the payment; the row id is the idempotence key.
 * A refusal marks the payment failed; an unavailable provider answers ACQUIRING_UNAVAILABLE (the row stays
 * pending without a provider id, and a retry with the same key asks again).
 */
async function createAtProvider(deps: Deps, row: PaymentRow, contractNumber: string): Promise<PaymentRow> {
  try {
    const created = await deps.acquiring.createPayment({
      idempotenceKey: row.id,
      amount: row.amount,
      method: row.method,
      description:
        row.purpose === 'prolongation'
          ? `Проценты за пролонгацию по договору № ${contractNumber}`
          : `Погашение займа по договору № ${contractNumber}`,
      returnUrl: returnUrl(deps, row.loanId, row.id),
      metadata: { paymentId: row.id, loanId: row.loanId },
    });
    return await updatePayment(deps.db, row.id, {
      providerPaymentId: created.providerPaymentId,
      confirmationUrl: created.confirmationUrl,
    });
  } catch (error) {
    if (error instanceof AcquiringError && !error.retryable) {
      deps.log.warn({ err: error, paymentId: row.id }, 'payment refused by the acquirer');
      return deps.db.transaction(async (tx) => {
        await releasePaymentPoints(deps, tx, row.id);
        return updatePayment(tx, row.id, {
          status: 'canceled',
          failureReason: 'Платёжный сервис отклонил платёж',
        });
      });
    }
    deps.log.warn({ err: error, paymentId: row.id }, 'acquirer unavailable');
    throw new AppError('ACQUIRING_UNAVAILABLE');
  }
}

/**
 * A repeated request with a key already used: the same body gets the first answer (finishing a creation a crash
 * interrupted); another body or another loan is refused with IDEMPOTENCY_KEY_REUSED.
 */
async function finishExisting(
  deps: Deps,
  row: PaymentRow,
  request: { loan: LoanRow; hash: string; contractNumber: string },
): Promise<PaymentView> {
  if (row.requestHash !== request.hash || row.loanId !== request.loan.id)
    throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (row.status === 'pending' && !row.providerPaymentId)
    return paymentView(await createAtProvider(deps, row, request.contractNumber));
  return paymentView(row);
}

/**
 * Starts a payment of the borrower's own active or overdue loan (LOAN_NOT_FOUND, LOAN_NOT_ACTIVE,
 * PAYMENT_AMOUNT_INVALID otherwise). The borrower's idempotency key (one per attempt, kept by the web app across
 * a reload): the same key with the same body returns the first answer (and finishes a creation a crash
 * interrupted); the same key with another body is refused.
 */
export async function startPayment(
  deps: Deps,
  options: { borrowerId: string; loanId: string; body: CreatePayment; meta: RequestMeta },
): Promise<PaymentView> {
  const { borrowerId, loanId, body, meta } = options;
  const loan = await getOwnLoan(deps.db, { borrowerId, loanId });
  const request = {
    loan,
    hash: requestHash(body),
    contractNumber: await getContractNumber(deps.db, loan.contractId),
  };
  const existing = await findPaymentByKey(deps.db, borrowerId, body.idempotencyKey);
  if (existing) return finishExisting(deps, existing, request);
  if (loan.status !== 'active' && loan.status !== 'overdue') throw new AppError('LOAN_NOT_ACTIVE');
  const due = await amountFor(deps, loan, body);
  if (due <= 0n) throw new AppError('PAYMENT_AMOUNT_INVALID', { detail: 'Сейчас платить нечего' });
  const fields = {
    loanId,
    borrowerId,
    idempotencyKey: body.idempotencyKey,
    requestHash: request.hash,
    purpose: body.purpose,
    method: body.method,
    recalculation:
      loan.kind === 'instalment' && body.purpose === 'custom' ? (body.recalculation ?? 'payment') : null,
    prolongationId: body.prolongationId ?? null,
    status: 'pending' as const,
    provider: deps.acquiring.provider,
    createdAt: deps.clock.now(),
  };
  // Bonus points on the interest (engagement/points-discount.ts): the borrower pays that much less in money, and
  // the points are held for this payment in the transaction that inserts it, under the lock of the borrower's
  // points account, so two payments started at once never pledge the same points.
  const interestDue = body.points ? await interestOwedToday(deps, loan) : 0n;
  const { row, spent } = await deps.db.transaction(async (tx) => {
    if (!body.points) {
      const row = await insertPayment(tx, { ...fields, amount: due, points: null, pointsDiscount: null });
      return { row, spent: null };
    }
    const asked = { borrowerId, asked: body.points, interestDue, amount: due, minPayment: MIN_PAYMENT };
    const spent = await discountForPayment(deps, tx, asked).catch(async (error: unknown) => {
      // A request with the same key that took the lock first holds the points: answer like a retry (below).
      const refused = error instanceof AppError && error.code === 'POINTS_INSUFFICIENT';
      if (refused && (await findPaymentByKey(tx, borrowerId, body.idempotencyKey))) return undefined;
      throw error;
    });
    if (spent === undefined || (await findPaymentByKey(tx, borrowerId, body.idempotencyKey)))
      return { row: undefined, spent: null };
    const row = await insertPayment(tx, {
      ...fields,
      amount: due - (spent?.discount ?? 0n),
      points: spent?.points ?? null,
      pointsDiscount: spent?.discount ?? null,
    });
    if (row && spent) await holdPaymentPoints(deps, tx, { id: row.id, borrowerId, points: spent.points });
    return { row, spent };
  });
  const amount = row?.amount ?? due;
  if (!row) {
    // Two simultaneous requests with one key: the loser answers like a retry.
    const winner = await findPaymentByKey(deps.db, borrowerId, body.idempotencyKey);
    if (!winner) throw new Error(`payment key ${body.idempotencyKey} conflicted but no payment has it`);
    return finishExisting(deps, winner, request);
  }
  await audit(deps.db, {
    actor: { kind: 'borrower', borrowerId },
    meta,
    action: 'payment.started',
    subjectId: row.id,
    details: {
      loanId,
      purpose: body.purpose,
      amount: String(amount),
      ...(spent ? { points: spent.points, pointsDiscount: String(spent.discount) } : {}),
    },
  });
  return paymentView(await createAtProvider(deps, row, request.contractNumber));
}
