import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { loanApplications } from '../../adapters/db/schema-loans';

/** Application statuses in which the borrower holds a loan (until servicing exists, every such loan is unpaid). */
export const HOLDING_A_LOAN = ['signed', 'paid_out'] as const;

/** A newcomer has never held a loan with us: the first-loan promo rate applies. */
export async function isFirstLoan(db: DbOrTx, borrowerId: string): Promise<boolean> {
  const [held] = await db
    .select({ id: loanApplications.id })
    .from(loanApplications)
    .where(
      and(eq(loanApplications.borrowerId, borrowerId), inArray(loanApplications.status, [...HOLDING_A_LOAN])),
    )
    .limit(1);
  return !held;
}
