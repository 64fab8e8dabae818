import type { EarlyRepaymentQuoteView } from '../../../contracts/servicing';
import { accruedOf, debtOf, payoffOn, pendingAccrual } from '../../../domain/loan-position';
import { parseKopecks, toWire } from '../../../domain/money';
import { reschedule } from '../../../domain/reschedule';
import { allocatePayment } from '../../../domain/servicing';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { businessToday, loadPosition } from './loan-account';
import { getOwnLoan } from './loan-repository';
import { scheduleView } from './schedule-view';

const TITLES = {
  payment: 'Уменьшить платёж: сроки те же, платежи меньше',
  term: 'Сократить срок: платёж прежний, заём закончится раньше или последний платёж будет меньше',
} as const;

/**
 * An early repayment of `amount` (kopecks as a decimal string) today: the payoff (interest only for the days
 * used), whether the amount closes the loan, and otherwise the schedule after it — both ways for an instalment
 * loan, so the borrower sees them before choosing. Throws LOAN_NOT_FOUND, LOAN_NOT_ACTIVE, or
 * PAYMENT_AMOUNT_INVALID when the amount is not above zero and at most the payoff.
 */
export async function quoteEarlyRepayment(
  deps: Deps,
  options: { borrowerId: string; loanId: string; amount: string },
): Promise<EarlyRepaymentQuoteView> {
  const loan = await getOwnLoan(deps.db, options);
  if (loan.status !== 'active' && loan.status !== 'overdue') throw new AppError('LOAN_NOT_ACTIVE');
  const today = businessToday(deps);
  const amount = parseKopecks(options.amount);
  const position = await loadPosition(deps.db, loan);
  const { balances, schedule } = position;
  const payoff = payoffOn(position, today);
  if (amount <= 0n || amount > payoff)
    throw new AppError('PAYMENT_AMOUNT_INVALID', {
      errors: [{ path: 'amount', message: 'Сумма должна быть больше нуля и не больше всей задолженности' }],
    });
  const pending = pendingAccrual(position, today);
  const debt = debtOf(balances);
  debt.currentInterest += pending.interest;
  debt.penalty += pending.penalty;
  const allocation = allocatePayment(amount, debt);
  const principalLeft = balances.principal - allocation.applied.currentPrincipal;
  const remaining = schedule.filter((i) => i.dueDate > today);
  const closes = amount === payoff;
  const modes = loan.kind === 'instalment' ? (['payment', 'term'] as const) : (['payment'] as const);
  const choices = closes
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
          schedule: scheduleView(instalments),
        };
      });
  return {
    date: today,
    amount: toWire(amount),
    closesLoan: closes,
    payoff: toWire(payoff),
    options: choices,
  };
}
