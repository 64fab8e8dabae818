import type { IsoDate } from '../../../domain/calendar';
import { pointsDiscountLines } from '../../../domain/ledger';
import type { Kopecks } from '../../../domain/money';
import { balanceOf, pointsDiscount } from '../../../domain/points';
import type { DbOrTx } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { book } from '../ledger/ledger-repository';
import { readBalances } from '../servicing/loan-account';
import { eventsOf, listPointsEntries, lockPointsAccount } from './points-repository';
import { spendPoints } from './spend-points';

/**
 * Bonus points spent on a payment's interest (issue 14), in two steps:
 * 1. when the payment starts (`discountForPayment`): what the asked points take off — whole points at
 *    `config.points.kopecksPerPoint`, capped by the interest owed today (the loan's balances with today's accrual,
 *    as the loan page shows them; crediting books that accrual first) and so that at least `minPayment` is
 *    paid in money (domain/points.ts pointsDiscount); the payment asks the provider for that much less;
 * 2. when the payment is credited (`bookPaymentPoints`, in the crediting transaction, before the money is
 *    allocated): the points are spent (points ledger, key `payment:<payment id>`) and the interest receivable is
 *    reduced by the discount against the lender's marketing expense (money ledger, kind `points_discount`, key
 *    `points_discount:<payment id>`). A payment that fails spends nothing.
 */

/**
 * The points and discount (kopecks) a payment of `amount` may take, `interestDue` being the current and overdue
 * interest owed today: null when nothing can be taken off (spending off, no interest). Throws POINTS_INSUFFICIENT when `asked` is above the borrower's balance.
 */
export async function discountForPayment(
  deps: Pick<Deps, 'db' | 'config'>,
  input: { borrowerId: string; asked: number; interestDue: Kopecks; amount: Kopecks; minPayment: Kopecks },
): Promise<{ points: number; discount: Kopecks } | null> {
  const balance = balanceOf(eventsOf(await listPointsEntries(deps.db, input.borrowerId)));
  if (input.asked > balance) throw new AppError('POINTS_INSUFFICIENT');
  const spent = pointsDiscount({
    asked: input.asked,
    balance,
    kopecksPerPoint: deps.config.points.kopecksPerPoint,
    interestDue: input.interestDue,
    amount: input.amount,
    minPayment: input.minPayment,
  });
  return spent.points > 0 ? spent : null;
}

/**
 * Books the points a payment carries, inside the crediting transaction (after the accrual of the payment date,
 * before the allocation). Returns false and books nothing when the borrower no longer has the points (spent on
 * another payment meanwhile, or expired) or the interest is no longer there: the money is then credited as it is,
 * and the caller clears the payment's discount.
 */
export async function bookPaymentPoints(
  tx: DbOrTx,
  payment: { id: string; loanId: string; borrowerId: string; points: number; discount: Kopecks; on: IsoDate },
): Promise<boolean> {
  await lockPointsAccount(tx, payment.borrowerId);
  const balance = balanceOf(eventsOf(await listPointsEntries(tx, payment.borrowerId)));
  const owed = await readBalances(tx, payment.loanId);
  if (balance < payment.points || owed.interest + owed.interestOverdue < payment.discount) return false;
  await spendPoints(tx, {
    borrowerId: payment.borrowerId,
    points: payment.points,
    causeId: payment.id,
    idempotencyKey: `payment:${payment.id}`,
    on: payment.on,
  });
  await book(tx, {
    kind: 'points_discount',
    loanId: payment.loanId,
    idempotencyKey: `points_discount:${payment.id}`,
    businessDate: payment.on,
    lines: pointsDiscountLines(payment.discount, owed),
  });
  return true;
}
