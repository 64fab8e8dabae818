import { dateInZone } from '../../../domain/calendar';
import type { Deps } from '../../deps';
import { borrowerLoanHistory } from './loan-history';

/** A newcomer has never held a loan with us (a cancelled one does not count): the first-loan promo rate applies. */
export async function isFirstLoan(deps: Deps, { borrowerId }: { borrowerId: string }): Promise<boolean> {
  const today = dateInZone(deps.clock.now(), deps.config.timeZone);
  return !(await borrowerLoanHistory(deps, { borrowerId, today })).everBorrowed;
}
