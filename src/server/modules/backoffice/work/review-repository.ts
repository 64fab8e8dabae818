import { and, desc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../adapters/db/database';
import { borrowers } from '../../../adapters/db/schema';
import { staff } from '../../../adapters/db/schema-backoffice';
import { loanApplications, loanProducts, loans } from '../../../adapters/db/schema-loans';
import { pendingDecisions } from '../../../adapters/db/schema-work';

/** An application with its borrower's name, birth date and phone and its product, for the specialist's review. */
export async function findApplicationForReview(db: DbOrTx, applicationId: string, lock = false) {
  const query = db
    .select({
      application: loanApplications,
      product: loanProducts,
      borrower: {
        id: borrowers.id,
        surname: borrowers.surname,
        name: borrowers.name,
        patronymic: borrowers.patronymic,
        birthDate: borrowers.birthDate,
        phone: borrowers.phone,
      },
    })
    .from(loanApplications)
    .innerJoin(loanProducts, eq(loanProducts.id, loanApplications.productId))
    .innerJoin(borrowers, eq(borrowers.id, loanApplications.borrowerId))
    .where(eq(loanApplications.id, applicationId));
  const [row] = lock ? await query.for('update', { of: loanApplications }) : await query;
  return row;
}

/** The borrower's other applications and their loans, newest first: their history with the lender. */
export async function loadBorrowerHistory(db: DbOrTx, borrowerId: string, exceptApplicationId: string) {
  const [applications, loanRows] = await Promise.all([
    db
      .select({
        id: loanApplications.id,
        createdAt: loanApplications.createdAt,
        amount: loanApplications.amount,
        status: loanApplications.status,
      })
      .from(loanApplications)
      .where(and(eq(loanApplications.borrowerId, borrowerId), ne(loanApplications.id, exceptApplicationId)))
      .orderBy(desc(loanApplications.createdAt))
      .limit(50),
    db
      .select({
        id: loans.id,
        principal: loans.principal,
        status: loans.status,
        disbursedOn: loans.disbursedOn,
        closedOn: loans.closedOn,
        overdueSince: loans.overdueSince,
      })
      .from(loans)
      .where(eq(loans.borrowerId, borrowerId))
      .orderBy(desc(loans.createdAt)),
  ]);
  return { applications, loans: loanRows };
}

/** The approval waiting for a second person on this application, with the maker's name; undefined if none. */
export async function findPendingDecision(db: DbOrTx, applicationId: string) {
  const [row] = await db
    .select({ pending: pendingDecisions, makerName: staff.displayName })
    .from(pendingDecisions)
    .innerJoin(staff, eq(staff.id, pendingDecisions.madeBy))
    .where(eq(pendingDecisions.applicationId, applicationId));
  return row;
}

/** Records a maker's approval awaiting the checker; false when one is already waiting. */
export async function insertPendingDecision(
  db: DbOrTx,
  values: typeof pendingDecisions.$inferInsert,
): Promise<boolean> {
  const rows = await db
    .insert(pendingDecisions)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: pendingDecisions.applicationId });
  return rows.length > 0;
}

/** Removes the waiting approval (confirmed or sent back); false when there was none. */
export async function deletePendingDecision(db: DbOrTx, applicationId: string): Promise<boolean> {
  const rows = await db
    .delete(pendingDecisions)
    .where(eq(pendingDecisions.applicationId, applicationId))
    .returning({ id: pendingDecisions.applicationId });
  return rows.length > 0;
}
