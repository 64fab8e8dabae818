import type { Deps } from '../../deps';
import { hasApplicationIn, HOLDING_A_LOAN } from './application-repository';

/** A newcomer has never held a loan with us: the first-loan promo rate applies. */
export async function isFirstLoan(deps: Deps, { borrowerId }: { borrowerId: string }): Promise<boolean> {
  return !(await hasApplicationIn(deps.db, borrowerId, HOLDING_A_LOAN));
}
