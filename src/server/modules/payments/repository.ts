import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { Kopecks } from '../../../domain/money';
import type { DbOrTx } from '../../adapters/db/database';
import { contracts, loans } from '../../adapters/db/schema-loans';
import { payments, prolongations, refunds } from '../../adapters/db/schema-servicing';
import { AppError } from '../../app-error';
import { selectLoanRows, type LoanRow } from '../servicing/loan-account';

/**
 * The payments module's only door to the database: payments, refunds, and the few loan, contract and
 * prolongation rows a payment reads or settles. Every function takes a `DbOrTx`, so a use case can run it inside
 * its transaction. `get*` throws an AppError when the row is missing; `find*` returns undefined.
 */

/** A payment row as stored: amounts in kopecks (bigint), `paymentDate` 'YYYY-MM-DD'. */
export type PaymentRow = typeof payments.$inferSelect;
/** The columns of a new payment (the id and defaults are the database's). */
export type NewPayment = typeof payments.$inferInsert;
/** A refund row as stored: `amount` in kopecks. */
export type RefundRow = typeof refunds.$inferSelect;

/** The payment a borrower started with this idempotency key, if any. */
export async function findPaymentByKey(
  db: DbOrTx,
  borrowerId: string,
  idempotencyKey: string,
): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.borrowerId, borrowerId), eq(payments.idempotencyKey, idempotencyKey)));
  return row;
}

/** A payment by id. Throws PAYMENT_NOT_FOUND. */
export async function getPaymentById(db: DbOrTx, paymentId: string): Promise<PaymentRow> {
  const [row] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!row) throw new AppError('PAYMENT_NOT_FOUND');
  return row;
}

/** The borrower's own payment of that loan. Throws PAYMENT_NOT_FOUND (also for another person's payment). */
export async function getOwnPayment(
  db: DbOrTx,
  ids: { borrowerId: string; loanId: string; paymentId: string },
): Promise<PaymentRow> {
  const [row] = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.id, ids.paymentId),
        eq(payments.loanId, ids.loanId),
        eq(payments.borrowerId, ids.borrowerId),
      ),
    );
  if (!row) throw new AppError('PAYMENT_NOT_FOUND');
  return row;
}

/**
 * The payment a provider's payment is about: by the provider's id, or by our id the provider echoes in its
 * metadata (a payment whose creation answer was lost has no provider id yet). `ourId` is used only if it looks
 * like a UUID.
 */
export async function findPaymentOfProvider(
  db: DbOrTx,
  providerPaymentId: string,
  ourId: string | undefined,
): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(
      or(
        eq(payments.providerPaymentId, providerPaymentId),
        ourId && /^[0-9a-f-]{36}$/.test(ourId) ? eq(payments.id, ourId) : sql`false`,
      ),
    );
  return row;
}

/**
 * Inserts a new payment unless the borrower already used the idempotency key: returns undefined then (the caller
 * reads the other row and answers like a retry).
 */
export async function insertPayment(db: DbOrTx, values: NewPayment): Promise<PaymentRow | undefined> {
  const [row] = await db
    .insert(payments)
    .values(values)
    .onConflictDoNothing({ target: [payments.borrowerId, payments.idempotencyKey] })
    .returning();
  return row;
}

/** Changes a payment's columns and returns the row. Throws PAYMENT_NOT_FOUND. */
export async function updatePayment(
  db: DbOrTx,
  paymentId: string,
  changes: Partial<Omit<NewPayment, 'id'>>,
): Promise<PaymentRow> {
  const [row] = await db.update(payments).set(changes).where(eq(payments.id, paymentId)).returning();
  if (!row) throw new AppError('PAYMENT_NOT_FOUND');
  return row;
}

/**
 * Moves a payment out of `pending` (to succeeded or canceled) with its outcome; only one caller can: returns the
 * row for the one that did, undefined if the payment was no longer pending.
 */
export async function settlePendingPayment(
  db: DbOrTx,
  paymentId: string,
  outcome: Partial<Omit<NewPayment, 'id'>> & { status: 'succeeded' | 'canceled' },
): Promise<PaymentRow | undefined> {
  const [row] = await db
    .update(payments)
    .set(outcome)
    .where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')))
    .returning();
  return row;
}

/** The loan row, locked for the rest of the transaction (SELECT … FOR UPDATE); undefined if there is none. */
export async function findLoanForUpdate(db: DbOrTx, loanId: string): Promise<LoanRow | undefined> {
  const [row] = await selectLoanRows(db).where(eq(loans.id, loanId)).for('update', { of: loans });
  return row;
}

/** The loan row. Throws LOAN_NOT_FOUND. */
export async function getLoanById(db: DbOrTx, loanId: string): Promise<LoanRow> {
  const [row] = await selectLoanRows(db).where(eq(loans.id, loanId));
  if (!row) throw new AppError('LOAN_NOT_FOUND');
  return row;
}

/** What a payment changes on its loan: status, the interest base date, the schedule version. */
export type LoanChanges = Partial<
  Pick<LoanRow, 'status' | 'closedOn' | 'overdueSince' | 'interestBaseDate' | 'scheduleVersion'>
>;

/** Writes the given loan columns (nothing else). */
export async function updateLoan(db: DbOrTx, loanId: string, changes: LoanChanges): Promise<void> {
  await db.update(loans).set(changes).where(eq(loans.id, loanId));
}

/** The number of the loan's contract («2026-000001»). Throws CONTRACT_NOT_FOUND. */
export async function getContractNumber(db: DbOrTx, contractId: string): Promise<string> {
  const [row] = await db
    .select({ number: contracts.number })
    .from(contracts)
    .where(eq(contracts.id, contractId));
  if (!row) throw new AppError('CONTRACT_NOT_FOUND');
  return row.number;
}

/** What a prolongation of this loan asks to be paid now (kopecks), if it is awaiting payment. */
export async function findProlongationPayNow(
  db: DbOrTx,
  loanId: string,
  prolongationId: string,
): Promise<Kopecks | undefined> {
  const [row] = await db
    .select()
    .from(prolongations)
    .where(and(eq(prolongations.id, prolongationId), eq(prolongations.loanId, loanId)));
  return row?.status === 'awaiting_payment' ? row.payNow : undefined;
}

/** The loan's payment credited last (the one an overpayment is returned through), if any. */
export async function findLastCreditedPayment(db: DbOrTx, loanId: string): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.loanId, loanId), eq(payments.status, 'succeeded')))
    .orderBy(desc(payments.creditedAt))
    .limit(1);
  return row;
}

/** Records a refund owed to the borrower (status 'pending'); its id is the acquirer's idempotence key. */
export async function insertRefund(
  db: DbOrTx,
  values: { loanId: string; paymentId: string; amount: Kopecks; createdAt: Date },
): Promise<RefundRow> {
  const [row] = await db
    .insert(refunds)
    .values({ ...values, status: 'pending' })
    .returning();
  if (!row) throw new Error('refund insert returned no row');
  return row;
}

/** Stores what the acquirer answered about a refund. */
export async function recordRefundResult(
  db: DbOrTx,
  refundId: string,
  result: { status: RefundRow['status']; providerRefundId: string },
): Promise<void> {
  await db.update(refunds).set(result).where(eq(refunds.id, refundId));
}

/** Marks a refund the acquirer would not take (an error answer) as refused, with its message, for the back office. */
export async function markRefundRefused(
  db: DbOrTx,
  refundId: string,
  { failureReason, at }: { failureReason: string; at: Date },
): Promise<void> {
  await db
    .update(refunds)
    .set({ status: 'refused', failureReason: failureReason.slice(0, 500), settledAt: at })
    .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')));
}
