import type { IsoDate } from '../../../domain/calendar';
import { toWire } from '../../../domain/money';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { checkProlongation } from './check-prolongation';
import { getOwnLoan } from './loan-repository';

/**
 * What prolonging the borrower's loan by `days` costs today: the amount to pay now (kopecks as a string), the
 * old and new due dates, and the date to pay by. Throws LOAN_NOT_FOUND, or PROLONGATION_NOT_AVAILABLE with the
 * reason in words.
 */
export async function quoteProlongation(
  deps: Deps,
  options: { borrowerId: string; loanId: string; days: number },
): Promise<{ days: number; payNow: string; oldDueDate: IsoDate; newDueDate: IsoDate; payBy: IsoDate }> {
  const { days } = options;
  const loan = await getOwnLoan(deps.db, options);
  const check = await checkProlongation(deps, { loan, days });
  if (!check.ok) throw new AppError('PROLONGATION_NOT_AVAILABLE', { detail: check.reason });
  return {
    days,
    payNow: toWire(check.payNow),
    oldDueDate: check.oldDueDate,
    newDueDate: check.newDueDate,
    payBy: check.today,
  };
}
