import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { applicationEvents, contracts, loanApplications, loans } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';
import { listAllProducts } from './product-repository';

/** An application as stored: amounts in kopecks (bigint), `term` in the product's unit. */
export type ApplicationRow = typeof loanApplications.$inferSelect;
/** A new application row (id and defaults filled in by the database). */
export type NewApplication = typeof loanApplications.$inferInsert;
/** One step of the borrower's timeline. */
export type ApplicationEventRow = typeof applicationEvents.$inferSelect;
/** A timeline step to record. */
export type NewApplicationEvent = typeof applicationEvents.$inferInsert;
/** The statuses of an application (and of its timeline steps). */
export type ApplicationStatus = ApplicationRow['status'];

/** The borrower's applications, newest first. */
export async function listBorrowerApplications(db: DbOrTx, borrowerId: string): Promise<ApplicationRow[]> {
  return db
    .select()
    .from(loanApplications)
    .where(eq(loanApplications.borrowerId, borrowerId))
    .orderBy(desc(loanApplications.createdAt));
}

/** One of the borrower's own applications; undefined for a missing id or another person's application. */
export async function findOwnApplication(
  db: DbOrTx,
  borrowerId: string,
  applicationId: string,
): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .select()
    .from(loanApplications)
    .where(and(eq(loanApplications.id, applicationId), eq(loanApplications.borrowerId, borrowerId)));
  return row;
}

/** As `findOwnApplication`, but a missing (or another person's) application throws APPLICATION_NOT_FOUND. */
export async function getOwnApplication(
  db: DbOrTx,
  borrowerId: string,
  applicationId: string,
): Promise<ApplicationRow> {
  const row = await findOwnApplication(db, borrowerId, applicationId);
  if (!row) throw new AppError('APPLICATION_NOT_FOUND');
  return row;
}

/**
 * What the borrower's view of these applications shows besides the rows: their timelines (in insertion order),
 * the products, their contracts (without the PDF) and their loans.
 */
export async function loadApplicationParts(db: DbOrTx, applicationIds: string[]) {
  const [events, products, docs, loanRows] = await Promise.all([
    db
      .select()
      .from(applicationEvents)
      .where(inArray(applicationEvents.applicationId, applicationIds))
      .orderBy(asc(applicationEvents.seq)),
    listAllProducts(db),
    db
      .select({
        id: contracts.id,
        applicationId: contracts.applicationId,
        number: contracts.number,
        sha256: contracts.documentSha256,
        signedAt: contracts.signedAt,
      })
      .from(contracts)
      .where(inArray(contracts.applicationId, applicationIds)),
    db.select().from(loans).where(inArray(loans.applicationId, applicationIds)),
  ]);
  return { events, products, docs, loans: loanRows };
}

/** Whether the borrower has an application in one of `statuses`. */
export async function hasApplicationIn(
  db: DbOrTx,
  borrowerId: string,
  statuses: readonly ApplicationStatus[],
): Promise<boolean> {
  const [found] = await db
    .select({ id: loanApplications.id })
    .from(loanApplications)
    .where(and(eq(loanApplications.borrowerId, borrowerId), inArray(loanApplications.status, [...statuses])))
    .limit(1);
  return found !== undefined;
}

/**
 * The borrower's loans that were not cancelled: loan status, creation instant, the application's decision, the
 * contract PSK (percent, decimal string) and the day the loan was closed ('YYYY-MM-DD', null while open).
 */
export async function listBorrowerLoans(db: DbOrTx, borrowerId: string) {
  return db
    .select({
      status: loans.status,
      decision: loanApplications.decision,
      createdAt: loans.createdAt,
      pskPercent: loans.pskPercent,
      closedOn: loans.closedOn,
    })
    .from(loans)
    .innerJoin(loanApplications, eq(loanApplications.id, loans.applicationId))
    .where(and(eq(loans.borrowerId, borrowerId), ne(loans.status, 'cancelled')));
}

/** Stores a new application and returns its id. */
export async function insertApplication(db: DbOrTx, values: NewApplication): Promise<string> {
  const [row] = await db.insert(loanApplications).values(values).returning({ id: loanApplications.id });
  if (!row) throw new Error('insert into loan_applications returned no row');
  return row.id;
}

/** Appends steps to applications' timelines. */
export async function addApplicationEvents(db: DbOrTx, events: NewApplicationEvent[]): Promise<void> {
  await db.insert(applicationEvents).values(events);
}

/** Sets an application's status (the timeline step is recorded separately). */
export async function setApplicationStatus(
  db: DbOrTx,
  applicationId: string,
  status: ApplicationStatus,
): Promise<void> {
  await db.update(loanApplications).set({ status }).where(eq(loanApplications.id, applicationId));
}

/**
 * Refuses an application that is still approved (the legal limits of the signing day forbid the loan), storing
 * `decision` in place of the approval; returns whether it did.
 */
export async function refuseApprovedApplication(
  db: DbOrTx,
  applicationId: string,
  decision: Record<string, unknown>,
): Promise<boolean> {
  const refused = await db
    .update(loanApplications)
    .set({ status: 'refused', decision })
    .where(and(eq(loanApplications.id, applicationId), eq(loanApplications.status, 'approved')))
    .returning({ id: loanApplications.id });
  return refused.length > 0;
}

/**
 * Cancels the application if it is still approved, under review or signed (a concurrent change may have moved it);
 * returns whether it did.
 */
export async function cancelApplicationIfOpen(db: DbOrTx, applicationId: string): Promise<boolean> {
  const cancelled = await db
    .update(loanApplications)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(loanApplications.id, applicationId),
        inArray(loanApplications.status, ['approved', 'under_review', 'signed']),
      ),
    )
    .returning({ id: loanApplications.id });
  return cancelled.length > 0;
}

/**
 * Stores a decision on an application that is still in `from` (submitted, or under review): status, the decision
 * record, the offer (kopecks, product's term unit; null unless approved) and when it was decided (null while a
 * person still has to decide). Returns whether it did: false when a concurrent decision got there first.
 */
export async function storeDecision(
  db: DbOrTx,
  applicationId: string,
  from: ApplicationStatus,
  values: Pick<NewApplication, 'status' | 'decision' | 'offerAmount' | 'offerTerm' | 'decidedAt'>,
): Promise<boolean> {
  const stored = await db
    .update(loanApplications)
    .set(values)
    .where(and(eq(loanApplications.id, applicationId), eq(loanApplications.status, from)))
    .returning({ id: loanApplications.id });
  return stored.length > 0;
}

/** Any application by id (the back office's read; borrowers use findOwnApplication). */
export async function findApplication(
  db: DbOrTx,
  applicationId: string,
): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(loanApplications).where(eq(loanApplications.id, applicationId));
  return row;
}
