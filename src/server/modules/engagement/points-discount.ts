import type { IsoDate } from '../../../domain/calendar';
import { pointsDiscountLines } from '../../../domain/ledger';
import type { Kopecks } from '../../../domain/money';
import { pointsDiscount } from '../../../domain/points';
import type { DbOrTx } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { book } from '../ledger/ledger-repository';
import { readBalances } from '../servicing/loan-account';
import { insertHold, lockPointsAccount, settleHold } from './points-repository';
import { availablePoints, spendPoints } from './spend-points';

/** How long the points of an unsettled payment stay held, ms: a payment not settled by then stops holding them. */
export const POINTS_HOLD_MS = 24 * 3_600_000;

/**
 * Bonus points spent on a payment's interest (issue 14), in three steps:
 * 1. when the payment starts (`discountForPayment`, then `holdPaymentPoints` in the same transaction, under the
 *    lock of the borrower's points account): what the asked points take off — whole points at
 *    `config.points.kopecksPerPoint`, capped by the points available (the balance less the points held for other
 *    unsettled payments), by the interest owed today (the loan's balances with today's accrual, as the loan page
 *    shows them; crediting books that accrual first) and so that at least `minPayment` is paid in money
 *    (domain/points.ts pointsDiscount); the points are held for the payment (points_holds, POINTS_HOLD_MS), so two
 *    payments never pledge the same points; the payment asks the provider for that much less;
 * 2. when the payment is credited (`bookPaymentPoints`, in the crediting transaction, before the money is
 *    allocated): the points are spent (points ledger, key `payment:<payment id>`), the hold becomes `spent`, and
 *    the interest receivable is reduced by the discount against the lender's marketing expense (money ledger, kind
 *    `points_discount`, key `points_discount:<payment id>`);
 * 3. when the payment fails (`releasePaymentPoints`): the hold is released and nothing is spent; a payment that
 *    never settles stops holding its points after POINTS_HOLD_MS.
 */

/**
 * The points and discount (kopecks) a payment of `amount` may take, `interestDue` being the current and overdue
 * interest owed today: null when nothing can be taken off (spending off, no interest). Takes the lock of the
 * borrower's points account (call it inside the transaction that inserts the payment and its hold). Throws
 * POINTS_INSUFFICIENT when `asked` is above the points available (the balance less other payments' holds).
 */
export async function discountForPayment(
  deps: Pick<Deps, 'config' | 'clock'>,
  tx: DbOrTx,
  input: { borrowerId: string; asked: number; interestDue: Kopecks; amount: Kopecks; minPayment: Kopecks },
): Promise<{ points: number; discount: Kopecks } | null> {
  await lockPointsAccount(tx, input.borrowerId);
  const { available } = await availablePoints(tx, { borrowerId: input.borrowerId, now: deps.clock.now() });
  if (input.asked > available) throw new AppError('POINTS_INSUFFICIENT');
  const spent = pointsDiscount({
    asked: input.asked,
    balance: available,
    kopecksPerPoint: deps.config.points.kopecksPerPoint,
    interestDue: input.interestDue,
    amount: input.amount,
    minPayment: input.minPayment,
  });
  return spent.points > 0 ? spent : null;
}

/** Holds the payment's points until it settles (at most POINTS_HOLD_MS), in the transaction that inserted it. */
export async function holdPaymentPoints(
  deps: Pick<Deps, 'clock'>,
  tx: DbOrTx,
  payment: { id: string; borrowerId: string; points: number },
): Promise<void> {
  const now = deps.clock.now();
  await insertHold(tx, {
    borrowerId: payment.borrowerId,
    paymentId: payment.id,
    points: payment.points,
    createdAt: now,
    expiresAt: new Date(now.getTime() + POINTS_HOLD_MS),
  });
}

/** A failed (canceled) payment gives its held points back; a payment without a hold changes nothing. */
export async function releasePaymentPoints(
  deps: Pick<Deps, 'clock'>,
  db: DbOrTx,
  paymentId: string,
): Promise<void> {
  await settleHold(db, paymentId, { status: 'released', at: deps.clock.now() });
}

/**
 * Books the points a payment carries, inside the crediting transaction (after the accrual of the payment date,
 * before the allocation), turning its hold into `spent`. Returns false, books nothing and releases the hold when
 * the points are no longer available to it (expired meanwhile; or its hold ran out and other payments hold them) or
 * the interest is no longer there: the money is then credited as it is, and the caller clears the payment's discount.
 */
export async function bookPaymentPoints(
  deps: Pick<Deps, 'clock'>,
  tx: DbOrTx,
  payment: { id: string; loanId: string; borrowerId: string; points: number; discount: Kopecks; on: IsoDate },
): Promise<boolean> {
  const now = deps.clock.now();
  await lockPointsAccount(tx, payment.borrowerId);
  const { available } = await availablePoints(tx, {
    borrowerId: payment.borrowerId,
    now,
    exceptPaymentId: payment.id,
  });
  const owed = await readBalances(tx, payment.loanId);
  if (available < payment.points || owed.interest + owed.interestOverdue < payment.discount) {
    await settleHold(tx, payment.id, { status: 'released', at: now });
    return false;
  }
  await spendPoints(tx, {
    borrowerId: payment.borrowerId,
    points: payment.points,
    causeId: payment.id,
    idempotencyKey: `payment:${payment.id}`,
    on: payment.on,
    now,
    holdOf: payment.id,
  });
  await settleHold(tx, payment.id, { status: 'spent', at: now });
  await book(tx, {
    kind: 'points_discount',
    loanId: payment.loanId,
    idempotencyKey: `points_discount:${payment.id}`,
    businessDate: payment.on,
    lines: pointsDiscountLines(payment.discount, owed),
  });
  return true;
}
