import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import type { DbOrTx } from '../../adapters/db/database';
import { prolongationPdfs, prolongations } from '../../adapters/db/schema-servicing';
import { AppError } from '../../app-error';

/** The servicing module's reads and writes of prolongations (addenda that move a payday loan's due date). */

/** A row of `prolongations`. */
export type ProlongationRow = typeof prolongations.$inferSelect;
/** What a new prolongation is drawn up with (`pdf`: the addendum, kept in prolongation_pdfs apart from the row). */
export type NewProlongation = { pdf: Buffer } & Pick<
  ProlongationRow,
  | 'loanId'
  | 'borrowerId'
  | 'number'
  | 'days'
  | 'payNow'
  | 'oldDueDate'
  | 'newDueDate'
  | 'documentSha256'
  | 'createdAt'
>;

/** The loan's prolongations, newest first. */
export async function listProlongations(db: DbOrTx, loanId: string): Promise<ProlongationRow[]> {
  return db
    .select()
    .from(prolongations)
    .where(eq(prolongations.loanId, loanId))
    .orderBy(desc(prolongations.createdAt));
}

/** The loan's prolongation waiting for the borrower's signature, if any. */
export async function findUnsignedProlongation(
  db: DbOrTx,
  loanId: string,
): Promise<ProlongationRow | undefined> {
  const [row] = await db
    .select()
    .from(prolongations)
    .where(and(eq(prolongations.loanId, loanId), eq(prolongations.status, 'awaiting_signature')));
  return row;
}

/** A prolongation of the loan by id; throws PROLONGATION_NOT_FOUND when the loan has none with that id. */
export async function getLoanProlongation(
  db: DbOrTx,
  options: { loanId: string; prolongationId: string },
): Promise<ProlongationRow> {
  const [row] = await db
    .select()
    .from(prolongations)
    .where(and(eq(prolongations.id, options.prolongationId), eq(prolongations.loanId, options.loanId)));
  if (!row) throw new AppError('PROLONGATION_NOT_FOUND');
  return row;
}

/** One of the borrower's own prolongations by id, or undefined (also for another person's). */
export async function findOwnProlongation(
  db: DbOrTx,
  options: { borrowerId: string; prolongationId: string },
): Promise<ProlongationRow | undefined> {
  const [row] = await db
    .select()
    .from(prolongations)
    .where(
      and(eq(prolongations.id, options.prolongationId), eq(prolongations.borrowerId, options.borrowerId)),
    );
  return row;
}

/** The addendum's PDF bytes (read only for a download), or undefined. */
export async function findProlongationPdf(db: DbOrTx, prolongationId: string): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ pdf: prolongationPdfs.pdf })
    .from(prolongationPdfs)
    .where(eq(prolongationPdfs.prolongationId, prolongationId));
  return row?.pdf;
}

/** The next number of the addendum sequence (the suffix of an addendum number). */
export async function nextProlongationSequence(db: DbOrTx): Promise<string> {
  const result = (await db.execute(
    sql`select nextval('prolongation_number_seq')::text as seq`,
  )) as unknown as {
    rows: { seq: string }[];
  };
  const seq = result.rows[0]?.seq;
  if (seq === undefined) throw new Error('prolongation_number_seq returned no value');
  return seq;
}

/** Drops the loan's unfinished prolongations (awaiting signature or payment): only one can be open. */
export async function expireOpenProlongations(db: DbOrTx, loanId: string): Promise<void> {
  await db
    .update(prolongations)
    .set({ status: 'expired' })
    .where(
      and(
        eq(prolongations.loanId, loanId),
        inArray(prolongations.status, ['awaiting_signature', 'awaiting_payment']),
      ),
    );
}

/** Stores a new prolongation awaiting the borrower's signature. */
export async function insertProlongation(db: DbOrTx, values: NewProlongation): Promise<ProlongationRow> {
  const { pdf, ...row } = values;
  const [created] = await db
    .insert(prolongations)
    .values({ ...row, status: 'awaiting_signature' })
    .returning();
  if (!created) throw new Error('prolongation insert returned no row');
  await db.insert(prolongationPdfs).values({ prolongationId: created.id, pdf });
  return created;
}

/**
 * Marks a prolongation awaiting signature as signed (awaiting payment); undefined when it was not awaiting
 * signature any more (signed or dropped meanwhile).
 */
export async function markProlongationSigned(
  db: DbOrTx,
  options: { prolongationId: string; signedAt: Date; signature: NonNullable<ProlongationRow['signature']> },
): Promise<ProlongationRow | undefined> {
  const [updated] = await db
    .update(prolongations)
    .set({ status: 'awaiting_payment', signedAt: options.signedAt, signature: options.signature })
    .where(and(eq(prolongations.id, options.prolongationId), eq(prolongations.status, 'awaiting_signature')))
    .returning();
  return updated;
}

/** Puts a signed prolongation awaiting payment in force; undefined when it was not awaiting payment. */
export async function markProlongationInForce(
  db: DbOrTx,
  options: { prolongationId: string; appliedAt: Date },
): Promise<ProlongationRow | undefined> {
  const [row] = await db
    .update(prolongations)
    .set({ status: 'in_force', appliedAt: options.appliedAt })
    .where(and(eq(prolongations.id, options.prolongationId), eq(prolongations.status, 'awaiting_payment')))
    .returning();
  return row;
}

/** A prolongation by id; throws PROLONGATION_NOT_FOUND when there is none. */
export async function getProlongation(db: DbOrTx, prolongationId: string): Promise<ProlongationRow> {
  const [row] = await db.select().from(prolongations).where(eq(prolongations.id, prolongationId));
  if (!row) throw new AppError('PROLONGATION_NOT_FOUND');
  return row;
}

/** Lapses every unfinished prolongation drawn up (UTC date) before `today` − 1. */
export async function expireProlongationsBefore(db: DbOrTx, today: IsoDate): Promise<void> {
  await db.execute(sql`
    UPDATE prolongations SET status = 'expired'
     WHERE status IN ('awaiting_signature', 'awaiting_payment') AND (created_at AT TIME ZONE 'UTC')::date < ${today}::date - 1`);
}
