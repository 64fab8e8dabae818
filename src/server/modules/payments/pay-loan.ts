import { formatRuDate } from '../../../domain/russian';
import { createHash } from 'node:crypto';
import { and, eq, or } from 'drizzle-orm';
import type { CreatePayment, PaymentView } from '../../../contracts/servicing';
import { dateInZone } from '../../../domain/calendar';
import { paymentLines } from '../../../domain/ledger';
import { formatRub, parseKopecks, toWire } from '../../../domain/money';
import { allocatePayment, type DebtBucket } from '../../../domain/servicing';
import { reschedule } from '../../../domain/reschedule';
import { AcquiringError } from '../../adapters/payments/acquiring-port';
import { contracts, loans } from '../../adapters/db/schema-loans';
import { payments, prolongations } from '../../adapters/db/schema-servicing';
import { AppError } from '../../app-error';
import type { Tx } from '../../adapters/db/database';
import { sql } from 'drizzle-orm';
import { accrueLoans } from '../servicing/accrual-repository';
import { audit } from '../audit/audit';
import type { Deps, RequestMeta } from '../../deps';
import { book } from '../ledger/ledger';
import { debtOf, nextPaymentOf, payoffOn, totalDebt } from '../../../domain/loan-position';
import {
  currentSchedule,
  getOwnLoan,
  positionOf,
  readBalances,
  saveSchedule,
  type LoanRow,
  businessToday,
} from '../servicing/loan-account';
import { postMessage } from '../messaging/post-message';
import { applyProlongation } from '../servicing/apply-prolongation';

type PaymentRow = typeof payments.$inferSelect;

/** How each part of a payment is named on the screen and the receipt. */
export const ALLOCATION_LABELS: Record<DebtBucket | 'overpayment', string> = {
  overdueInterest: 'Просроченные проценты',
  overduePrincipal: 'Просроченный основной долг',
  penalty: 'Неустойка',
  currentInterest: 'Проценты',
  currentPrincipal: 'Основной долг',
  fees: 'Прочие платежи',
  overpayment: 'Переплата',
};

export function paymentView(row: PaymentRow): PaymentView {
  const status =
    row.status === 'succeeded' ? 'credited' : row.status === 'canceled' ? 'failed' : 'processing';
  return {
    id: row.id,
    loanId: row.loanId,
    purpose: row.purpose,
    method: row.method,
    amount: toWire(row.amount),
    status,
    statusText: { processing: 'Обрабатывается', credited: 'Зачислен', failed: 'Не прошёл' }[status],
    failureReason: row.failureReason,
    confirmationUrl: status === 'processing' ? row.confirmationUrl : null,
    paymentDate: row.paymentDate,
    createdAt: row.createdAt.toISOString(),
    allocation: row.allocation
      ? Object.entries(row.allocation)
          .filter(([, amount]) => amount !== '0')
          .map(([bucket, amount]) => ({
            label: ALLOCATION_LABELS[bucket as DebtBucket] ?? bucket,
            amount,
          }))
      : null,
    receiptUrl: status === 'credited' ? `/api/me/payments/${row.id}/receipt` : null,
  };
}

const requestHash = (body: CreatePayment) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        body.purpose,
        body.method,
        body.amount ?? null,
        body.recalculation ?? null,
        body.prolongationId ?? null,
      ]),
    )
    .digest('hex');

/** The amount of a payment of this purpose today. */
async function amountFor(deps: Deps, loan: LoanRow, body: CreatePayment): Promise<bigint> {
  const today = businessToday(deps);
  const balances = await readBalances(deps.db, loan.id);
  const payoff = payoffOn(positionOf(loan, balances), today);
  switch (body.purpose) {
    case 'payoff':
      return payoff;
    case 'next': {
      const next = nextPaymentOf(positionOf(loan, balances, await currentSchedule(deps.db, loan)), today);
      return next?.amount ?? 0n;
    }
    case 'custom': {
      const amount = parseKopecks(body.amount ?? '0');
      if (amount < 100n)
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
      const [prolongation] = await deps.db
        .select()
        .from(prolongations)
        .where(and(eq(prolongations.id, body.prolongationId!), eq(prolongations.loanId, loan.id)));
      if (!prolongation || prolongation.status !== 'awaiting_payment')
        throw new AppError('PROLONGATION_NOT_FOUND');
      return prolongation.payNow;
    }
  }
}

/** Where the provider's page sends the payer back: the loan page, which then follows the payment. */
function returnUrl(deps: Deps, loanId: string, paymentId: string) {
  const path = `/account/loans/${loanId}?payment=${paymentId}`;
  return deps.config.publicUrl ? new URL(path, deps.config.publicUrl).toString() : path;
}

/** Asks the provider to create (or, after a failure, return) the payment; the row id is the idempotence key. */
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
    const [updated] = await deps.db
      .update(payments)
      .set({ providerPaymentId: created.providerPaymentId, confirmationUrl: created.confirmationUrl })
      .where(eq(payments.id, row.id))
      .returning();
    return updated!;
  } catch (error) {
    if (error instanceof AcquiringError && !error.retryable) {
      deps.log.warn({ err: error, paymentId: row.id }, 'payment refused by the acquirer');
      const [failed] = await deps.db
        .update(payments)
        .set({ status: 'canceled', failureReason: 'Платёжный сервис отклонил платёж' })
        .where(eq(payments.id, row.id))
        .returning();
      return failed!;
    }
    deps.log.warn({ err: error, paymentId: row.id }, 'acquirer unavailable');
    throw new AppError('ACQUIRING_UNAVAILABLE');
  }
}

/**
 * Starts a payment. The borrower's idempotency key (one per attempt, kept by the web app across a reload):
 * the same key with the same body returns the first answer (and finishes a creation a crash interrupted); the
 * same key with another body is refused.
 */
export async function startPayment(
  deps: Deps,
  borrowerId: string,
  loanId: string,
  body: CreatePayment,
  meta: RequestMeta,
) {
  const loan = await getOwnLoan(deps.db, { borrowerId, loanId });
  const hash = requestHash(body);
  const [contract] = await deps.db
    .select({ number: contracts.number })
    .from(contracts)
    .where(eq(contracts.id, loan.contractId));
  const existing = await findByKey(deps, borrowerId, body.idempotencyKey);
  if (existing) return finishExisting(deps, existing, loan, hash, contract!.number);
  if (loan.status !== 'active' && loan.status !== 'overdue') throw new AppError('LOAN_NOT_ACTIVE');
  const amount = await amountFor(deps, loan, body);
  if (amount <= 0n) throw new AppError('PAYMENT_AMOUNT_INVALID', { detail: 'Сейчас платить нечего' });
  const [row] = await deps.db
    .insert(payments)
    .values({
      loanId,
      borrowerId,
      idempotencyKey: body.idempotencyKey,
      requestHash: hash,
      purpose: body.purpose,
      method: body.method,
      amount,
      recalculation:
        loan.kind === 'instalment' && body.purpose === 'custom' ? (body.recalculation ?? 'payment') : null,
      prolongationId: body.prolongationId ?? null,
      status: 'pending',
      provider: deps.acquiring.provider,
      createdAt: deps.clock.now(),
    })
    .onConflictDoNothing({ target: [payments.borrowerId, payments.idempotencyKey] })
    .returning();
  // Two simultaneous requests with one key: the loser answers like a retry.
  if (!row)
    return finishExisting(
      deps,
      (await findByKey(deps, borrowerId, body.idempotencyKey))!,
      loan,
      hash,
      contract!.number,
    );
  await audit(deps.db, {
    meta,
    actor: { kind: 'borrower', borrowerId },
    action: 'payment.started',
    subjectId: row.id,
    details: { loanId, purpose: body.purpose, amount: String(amount) },
  });
  return paymentView(await createAtProvider(deps, row, contract!.number));
}

async function findByKey(deps: Deps, borrowerId: string, key: string) {
  const [row] = await deps.db
    .select()
    .from(payments)
    .where(and(eq(payments.borrowerId, borrowerId), eq(payments.idempotencyKey, key)));
  return row;
}

async function finishExisting(
  deps: Deps,
  row: PaymentRow,
  loan: LoanRow,
  hash: string,
  contractNumber: string,
) {
  if (row.requestHash !== hash || row.loanId !== loan.id) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (row.status === 'pending' && !row.providerPaymentId)
    return paymentView(await createAtProvider(deps, row, contractNumber));
  return paymentView(row);
}

/** The borrower's payment, brought up to date with the provider while it is processing. */
export async function getPayment(deps: Deps, borrowerId: string, loanId: string, paymentId: string) {
  const [row] = await deps.db
    .select()
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.loanId, loanId), eq(payments.borrowerId, borrowerId)));
  if (!row) throw new AppError('PAYMENT_NOT_FOUND');
  if (row.status === 'pending' && row.providerPaymentId) {
    await refreshPayment(deps, row.providerPaymentId).catch((error) =>
      deps.log.warn({ err: error, paymentId }, 'payment refresh failed'),
    );
    const [fresh] = await deps.db.select().from(payments).where(eq(payments.id, paymentId));
    return paymentView(fresh!);
  }
  return paymentView(row);
}

/**
 * What the provider's notification triggers (and a borrower's look at a processing payment): re-read the payment
 * from the provider — a notification is never trusted by itself — and record its outcome. Crediting happens
 * once, however many notifications arrive at once: the loan row is locked, and only the transaction that moves
 * the payment from pending to succeeded books it (the ledger's key `payment:<provider id>` is a second guard).
 */
export async function refreshPayment(deps: Deps, providerPaymentId: string): Promise<void> {
  const provider = await deps.acquiring.getPayment(providerPaymentId);
  const ourId = provider.metadata.paymentId;
  const [row] = await deps.db
    .select()
    .from(payments)
    .where(
      or(
        eq(payments.providerPaymentId, providerPaymentId),
        ourId && /^[0-9a-f-]{36}$/.test(ourId) ? eq(payments.id, ourId) : sql`false`,
      ),
    );
  if (!row) {
    deps.log.warn({ providerPaymentId }, 'notification for an unknown payment');
    return;
  }
  if (provider.status === 'pending' || row.status !== 'pending') return;
  if (provider.status === 'canceled') {
    await deps.db
      .update(payments)
      .set({
        status: 'canceled',
        failureReason: provider.cancellationReason ?? 'Платёж не прошёл',
        providerPaymentId,
      })
      .where(and(eq(payments.id, row.id), eq(payments.status, 'pending')));
    return;
  }
  if (provider.amount !== row.amount)
    deps.log.error(
      { paymentId: row.id, providerPaymentId },
      'the provider accepted another amount; crediting what it accepted',
    );
  const acceptedAt = provider.acceptedAt ?? deps.clock.now();
  await deps.db.transaction((tx) =>
    creditPayment(deps, tx, row.id, providerPaymentId, provider.amount, acceptedAt),
  );
}

async function creditPayment(
  deps: Deps,
  tx: Tx,
  paymentId: string,
  providerPaymentId: string,
  amount: bigint,
  acceptedAt: Date,
) {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId));
  const [loan] = await tx.select().from(loans).where(eq(loans.id, payment!.loanId)).for('update');
  const paymentDate = dateInZone(acceptedAt, deps.config.timeZone);
  const [claimed] = await tx
    .update(payments)
    .set({
      status: 'succeeded',
      providerPaymentId,
      acceptedAt,
      paymentDate,
      amount,
      creditedAt: deps.clock.now(),
    })
    .where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')))
    .returning();
  if (!claimed || !loan) return; // credited by another notification
  const serviced = loan.status === 'active' || loan.status === 'overdue';
  // Interest and penalty up to the payment date first, so the payment meets the debt of its own day.
  if (serviced)
    await accrueLoans(tx, {
      date: paymentDate,
      loanIds: [loan.id],
      dueProcessing: false,
      kind: 'accrual',
    });
  const balances = await readBalances(tx, loan.id);
  const allocation = allocatePayment(amount, debtOf(balances));
  await book(tx, {
    kind: 'payment',
    loanId: loan.id,
    idempotencyKey: `payment:${providerPaymentId}`,
    businessDate: paymentDate,
    lines: paymentLines(amount, allocation),
  });
  await tx
    .update(payments)
    .set({
      allocation: Object.fromEntries(
        [...Object.entries(allocation.applied), ['overpayment', allocation.overpayment]].map(([k, v]) => [
          k,
          String(v),
        ]),
      ),
    })
    .where(eq(payments.id, paymentId));
  const after = await readBalances(tx, loan.id);
  const [fresh] = await tx.select().from(loans).where(eq(loans.id, loan.id));
  const principalPaid = allocation.applied.currentPrincipal + allocation.applied.overduePrincipal;
  const closes = serviced && totalDebt(after) === 0n;
  const overdueLeft = after.principalOverdue + after.interestOverdue > 0n;
  const changes = {
    ...(principalPaid > 0n ? { interestBaseDate: paymentDate } : {}),
    ...(closes ? { status: 'closed' as const, closedOn: paymentDate, overdueSince: null } : {}),
    ...(!closes && serviced && !overdueLeft ? { status: 'active' as const, overdueSince: null } : {}),
  };
  // A payment into a closed loan (all of it an overpayment) changes nothing on the loan itself.
  if (Object.keys(changes).length > 0) await tx.update(loans).set(changes).where(eq(loans.id, loan.id));
  if (!closes && claimed.purpose === 'custom' && allocation.applied.currentPrincipal > 0n)
    await recalculateSchedule(tx, fresh!, after.principal, paymentDate, claimed.recalculation ?? 'payment');
  if (claimed.prolongationId)
    await applyProlongation(deps, { tx, prolongationId: claimed.prolongationId, loan: fresh! });
  const [contract] = await tx
    .select({ number: contracts.number })
    .from(contracts)
    .where(eq(contracts.id, loan.contractId));
  await postMessage(tx, {
    borrowerId: loan.borrowerId,
    loanId: loan.id,
    kind: 'payment_credited',
    text: `Платёж ${formatRub(amount)} по договору № ${contract!.number} зачислен ${formatRuDate(paymentDate)}.`,
    dedupeKey: `credited:${paymentId}`,
    now: deps.clock.now(),
  });
  if (closes)
    await postMessage(tx, {
      borrowerId: loan.borrowerId,
      loanId: loan.id,
      kind: 'loan_closed',
      text: `Заём по договору № ${contract!.number} полностью погашен. Справка о погашении — в личном кабинете.`,
      dedupeKey: `closed:${loan.id}`,
      now: deps.clock.now(),
    });
  await audit(tx, {
    actor: { kind: 'system' },
    action: 'payment.credited',
    subjectId: paymentId,
    details: { loanId: loan.id, providerPaymentId, amount: String(amount), closes },
  });
}

/** A partial early repayment: the remaining dates get a new schedule (smaller payment or shorter term). */
async function recalculateSchedule(
  tx: Tx,
  loan: LoanRow,
  principal: bigint,
  from: string,
  mode: 'payment' | 'term',
) {
  const schedule = await currentSchedule(tx, loan);
  const remaining = schedule.filter((i) => i.dueDate > from);
  if (remaining.length === 0) return;
  const balances = await readBalances(tx, loan.id);
  const regular = schedule[0]!.total;
  const next = reschedule({
    principal,
    dailyRateBp: loan.dailyRateBp,
    from,
    dueDates: remaining.map((i) => i.dueDate),
    regularPayment: regular,
    mode: loan.kind === 'payday' ? 'payment' : mode,
    headroom: loan.accrualCap - -(balances.interestIncome + balances.penaltyIncome),
    firstN: remaining[0]!.n,
  });
  const version = loan.scheduleVersion + 1;
  // Instalments already past stay as they were, for the record of this version.
  await saveSchedule(tx, loan.id, version, [...schedule.filter((i) => i.dueDate <= from), ...next]);
  await tx.update(loans).set({ scheduleVersion: version }).where(eq(loans.id, loan.id));
}
