import { daysBetween, type IsoDate } from './calendar';
import { capAccrual, interestForDays } from './interest';
import type { Kopecks } from './money';
import { max, min } from './money';
import { equalPayment, type Instalment } from './schedule';

/**
 * The schedule after a partial early repayment (353-FZ art. 11: the lender recalculates; for a loan in
 * instalments the borrower chooses):
 * - 'payment': the same remaining dates, a smaller equal payment;
 * - 'term': the same equal payment, fewer dates (the last one takes what remains).
 * `principal` is what remains owed, `from` the date interest runs from (the payment date), `dueDates` the
 * remaining dates of the current schedule in order. Interest per period: outstanding × rate × days, rounded
 * down, stopped at `headroom` (what may still accrue under the cap); principal parts sum exactly to `principal`.
 */
export function reschedule(input: {
  principal: Kopecks;
  dailyRateBp: number;
  from: IsoDate;
  dueDates: readonly IsoDate[];
  regularPayment: Kopecks;
  mode: 'payment' | 'term';
  headroom: Kopecks;
  firstN: number;
}): Instalment[] {
  const { principal, dailyRateBp, dueDates } = input;
  if (principal <= 0n || dueDates.length === 0) return [];
  const payment =
    input.mode === 'payment' ? equalPayment(principal, dailyRateBp, dueDates.length) : input.regularPayment;
  const result: Instalment[] = [];
  let outstanding = principal;
  let accrued = 0n;
  let previous = input.from;
  for (const [index, dueDate] of dueDates.entries()) {
    const rateInterest = interestForDays(
      outstanding,
      dailyRateBp,
      Math.max(0, daysBetween(previous, dueDate)),
    );
    const interest = capAccrual(accrued, rateInterest, input.headroom);
    accrued += interest;
    const last = index === dueDates.length - 1;
    const principalPart = last ? outstanding : min(outstanding, max(0n, payment - rateInterest));
    outstanding -= principalPart;
    result.push({
      n: input.firstN + index,
      dueDate,
      principal: principalPart,
      interest,
      total: principalPart + interest,
      remainingPrincipal: outstanding,
    });
    previous = dueDate;
    if (outstanding === 0n) break;
  }
  return result;
}
