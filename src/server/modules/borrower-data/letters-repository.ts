import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { staff } from '../../adapters/db/schema-backoffice';
import { letters } from '../../adapters/db/schema-profile';

/** A stored letter from a specialist. */
export type StoredLetter = typeof letters.$inferSelect;

/** Stores a letter to the borrower; returns its id. `createdAt` is the clock's now (the letter's date). */
export async function insertLetter(
  db: DbOrTx,
  letter: { borrowerId: string; staffId: string; subject: string; body: string; createdAt: Date },
): Promise<string> {
  const [row] = await db.insert(letters).values(letter).returning({ id: letters.id });
  return row!.id;
}

/** The borrower's letters (metadata only), for «Мои документы». */
export function listOwnLetters(db: DbOrTx, borrowerId: string) {
  return db
    .select({ id: letters.id, subject: letters.subject, createdAt: letters.createdAt })
    .from(letters)
    .where(eq(letters.borrowerId, borrowerId));
}

/** One letter of the borrower with its sender's display name; undefined when not theirs or missing. */
export async function findOwnLetter(db: DbOrTx, borrowerId: string, letterId: string) {
  const [row] = await db
    .select({
      id: letters.id,
      subject: letters.subject,
      body: letters.body,
      createdAt: letters.createdAt,
      staffName: staff.displayName,
    })
    .from(letters)
    .leftJoin(staff, eq(staff.id, letters.staffId))
    .where(and(eq(letters.id, letterId), eq(letters.borrowerId, borrowerId)));
  return row;
}
