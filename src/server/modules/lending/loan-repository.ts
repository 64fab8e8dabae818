import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { loans } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';

/** A loan as stored: principal and caps in kopecks, `disbursedOn` 'YYYY-MM-DD' once paid out. */
export type LoanRow = typeof loans.$inferSelect;
/** A loan to create at signature, with the terms the nightly close works with. */
export type NewLoan = typeof loans.$inferInsert;

/** Creates the loan and returns its id. */
export async function insertLoan(db: DbOrTx, values: NewLoan): Promise<string> {
  const [row] = await db.insert(loans).values(values).returning({ id: loans.id });
  if (!row) throw new Error('insert into loans returned no row');
  return row.id;
}

/** The loan of an application; throws LOAN_NOT_FOUND when it has none (not signed). */
export async function getLoanOfApplication(db: DbOrTx, applicationId: string): Promise<LoanRow> {
  const [row] = await db.select().from(loans).where(eq(loans.applicationId, applicationId));
  if (!row) throw new AppError('LOAN_NOT_FOUND');
  return row;
}

/** Updates a loan's status (and its disbursement date when paid out); returns the updated row or LOAN_NOT_FOUND. */
export async function updateLoanStatus(
  db: DbOrTx,
  loanId: string,
  change: { status: 'active'; disbursedOn: string } | { status: 'cancelled' },
): Promise<LoanRow> {
  const [row] = await db.update(loans).set(change).where(eq(loans.id, loanId)).returning();
  if (!row) throw new AppError('LOAN_NOT_FOUND');
  return row;
}
