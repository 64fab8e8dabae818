import { and, eq } from 'drizzle-orm';
import { borrowers } from '../../adapters/db/schema';
import { contracts, loans } from '../../adapters/db/schema-loans';
import { payments } from '../../adapters/db/schema-servicing';
import type { DbOrTx } from '../../adapters/db/database';
import type { PaymentRow } from './loan-repository';

/** The reads behind the servicing documents (certificate, receipt): loans and payments with contract and person. */

type ContractRow = typeof contracts.$inferSelect;
type BorrowerRow = typeof borrowers.$inferSelect;

/** A loan of the borrower with its contract and the borrower's row, or undefined (also for another person's). */
export async function findOwnLoanWithContract(
  db: DbOrTx,
  options: { borrowerId: string; loanId: string },
): Promise<{ loan: typeof loans.$inferSelect; contract: ContractRow; borrower: BorrowerRow } | undefined> {
  const [row] = await db
    .select({ loan: loans, contract: contracts, borrower: borrowers })
    .from(loans)
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(and(eq(loans.id, options.loanId), eq(loans.borrowerId, options.borrowerId)));
  return row;
}

/** The loan's succeeded payments. */
export async function listSucceededPayments(db: DbOrTx, loanId: string): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.loanId, loanId), eq(payments.status, 'succeeded')));
}

/** A payment of the borrower with its loan's contract and the payer's row, or undefined. */
export async function findOwnPaymentWithContract(
  db: DbOrTx,
  options: { borrowerId: string; paymentId: string },
): Promise<{ payment: PaymentRow; contract: ContractRow; borrower: BorrowerRow } | undefined> {
  const [row] = await db
    .select({ payment: payments, contract: contracts, borrower: borrowers })
    .from(payments)
    .innerJoin(loans, eq(loans.id, payments.loanId))
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .innerJoin(borrowers, eq(borrowers.id, payments.borrowerId))
    .where(and(eq(payments.id, options.paymentId), eq(payments.borrowerId, options.borrowerId)));
  return row;
}
