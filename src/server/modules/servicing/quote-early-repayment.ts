import type { EarlyRepaymentQuoteView } from '../../../contracts/servicing';
import { parseKopecks, toWire } from '../../../domain/money';
import { allocatePayment } from '../../../domain/servicing';
import { reschedule } from '../../../domain/reschedule';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import {
  accruedOf,
  businessToday,
  currentSchedule,
  debtOf,
  findOwnLoan,
  payoffOn,
  pendingAccrual,
  readBalances,
} from './loan-account';

const TITLES = {
  payment: 'Уменьшить платёж: сроки те же, платежи меньше',
  term: 'Сократить срок: платёж прежний, заём закончится раньше или последний платёж будет меньше',
} as const;

/**
 * An early repayment of `amount` today: the payoff (interest only for the days used), whether the amount
 * closes the loan, and otherwise the schedule after it — both ways for an instalment loan, so the borrower sees
 * them before choosing.
 */
export async function quoteEarlyRepayment(
  deps: Deps,
  borrowerId: string,
  loanId: string,
  amountWire: string,
): Promise<EarlyRepaymentQuoteView> {
  const loan = await findOwnLoan(deps.db, borrowerId, loanId);
  if (loan.status !== 'active' && loan.status !== 'overdue') throw new AppError('LOAN_NOT_ACTIVE');
  const today = businessToday(deps);
  const amount = parseKopecks(amountWire);
  const balances = await readBalances(deps.db, loan.id);
  const payoff = payoffOn(loan, balances, today);
  if (amount <= 0n || amount > payoff)
    throw new AppError('PAYMENT_AMOUNT_INVALID', {
      errors: [{ path: 'amount', message: 'Сумма должна быть больше нуля и не больше всей задолженности' }],
    });
  const pending = pendingAccrual(loan, balances, today);
  const debt = debtOf(balances);
  debt.currentInterest += pending.interest;
  debt.penalty += pending.penalty;
  const allocation = allocatePayment(amount, debt);
  const principalLeft = balances.principal - allocation.applied.currentPrincipal;
  const schedule = await currentSchedule(deps.db, loan);
  const remaining = schedule.filter((i) => i.dueDate > today);
  const closes = amount === payoff;
  const modes = loan.kind === 'instalment' ? (['payment', 'term'] as const) : (['payment'] as const);
  const options = closes
    ? []
    : modes.map((mode) => {
        const instalments = reschedule({
          principal: principalLeft,
          dailyRateBp: loan.dailyRateBp,
          from: today,
          dueDates: remaining.map((i) => i.dueDate),
          regularPayment: schedule[0]?.total ?? 0n,
          mode,
          headroom: loan.accrualCap - accruedOf(balances) - pending.interest - pending.penalty,
          firstN: remaining[0]?.n ?? 1,
        });
        return {
          recalculation: mode,
          title: TITLES[mode],
          regularPayment: toWire(instalments[0]?.total ?? 0n),
          payments: instalments.length,
          lastDueDate: instalments[instalments.length - 1]?.dueDate ?? today,
          totalInterest: toWire(instalments.reduce((s, i) => s + i.interest, 0n)),
          schedule: instalments.map((i) => ({
            n: i.n,
            dueDate: i.dueDate,
            principal: toWire(i.principal),
            interest: toWire(i.interest),
            total: toWire(i.total),
            remainingPrincipal: toWire(i.remainingPrincipal),
          })),
        };
      });
  return { date: today, amount: toWire(amount), closesLoan: closes, payoff: toWire(payoff), options };
}
