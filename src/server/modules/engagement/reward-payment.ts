import type { IsoDate } from '../../../domain/calendar';
import type { Allocation } from '../../../domain/servicing';
import type { Tx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { earnPoints } from './earn-points';
import { loanEverOverdue } from './points-repository';
import { enterRaffles } from './raffle-entries';
import { offerLevelPrivileges } from './manage-offers';

/** A credited payment as the rewards see it: the loan as it was before the payment, and what the payment did. */
export type CreditedPayment = {
  borrowerId: string;
  loanId: string;
  /** The loan's status before the payment ('overdue' means the payment was late). */
  loanStatus: string;
  paymentId: string;
  paymentDate: IsoDate;
  allocation: Allocation;
  closes: boolean;
};

/**
 * Whether a payment was made on or before its due date: the loan was not overdue when it was made, it paid
 * something owed (not only an overpayment), and none of it went to overdue debt or penalty.
 */
export function paidOnTime(payment: Pick<CreditedPayment, 'loanStatus' | 'allocation'>): boolean {
  const { applied } = payment.allocation;
  const paid = Object.values(applied).reduce((sum, v) => sum + v, 0n);
  const late = applied.overduePrincipal + applied.overdueInterest + applied.penalty;
  return payment.loanStatus === 'active' && paid > 0n && late === 0n;
}

/**
 * The rewards of a credited payment, inside the payment's transaction (payments/credit-payment.ts): points for a
 * payment on time (`payment_on_time:<payment id>`) and an entry in every open raffle, and for a loan repaid on time — closed by this payment and
 * never overdue (`loan_repaid_on_time:<loan id>`), with the offer of a level reached. Never for taking a loan. Each cause is booked once.
 */
export async function rewardPayment(deps: Deps, tx: Tx, payment: CreditedPayment): Promise<void> {
  if (!paidOnTime(payment)) return;
  await earnPoints(deps, tx, {
    borrowerId: payment.borrowerId,
    cause: 'payment_on_time',
    causeId: payment.paymentId,
    on: payment.paymentDate,
  });
  await enterRaffles(tx, payment);
  if (payment.closes && !(await loanEverOverdue(tx, payment.loanId))) {
    await earnPoints(deps, tx, {
      borrowerId: payment.borrowerId,
      cause: 'loan_repaid_on_time',
      causeId: payment.loanId,
      on: payment.paymentDate,
    });
    await offerLevelPrivileges(tx, { borrowerId: payment.borrowerId, on: payment.paymentDate });
  }
}
