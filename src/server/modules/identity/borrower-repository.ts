import { and, desc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers, consents, passportHistory } from '../../adapters/db/schema';
import { AppError } from '../../app-error';

/** A borrowers row: passport series+number sealed (see borrower-view.ts), dates 'YYYY-MM-DD', instants Date. */
export type BorrowerRow = typeof borrowers.$inferSelect;
/** The columns a new borrower is inserted with. */
export type NewBorrower = typeof borrowers.$inferInsert;
/** A passport the borrower had before, with when it was valid from and replaced. */
export type PassportHistoryRow = typeof passportHistory.$inferSelect;
/** The current passport columns of a borrower, as changePassport replaces them. */
export type BorrowerPassport = Pick<
  BorrowerRow,
  | 'passportEncrypted'
  | 'passportHash'
  | 'passportIssueDate'
  | 'passportIssuedBy'
  | 'passportDivisionCode'
  | 'passportValidFrom'
>;

/** The only row of an INSERT/UPDATE … RETURNING; throws `orElse()` when the statement returned none. */
export function onlyRow<T>(rows: T[], orElse: () => Error): T {
  const [row] = rows;
  if (row === undefined) throw orElse();
  return row;
}

const insertFailed = (table: string) => () => new Error(`INSERT INTO ${table} returned no row`);

/** The borrower by id. Throws UNAUTHENTICATED when there is none (the id comes from a session). */
export async function getBorrower(db: DbOrTx, borrowerId: string): Promise<BorrowerRow> {
  const [row] = await db.select().from(borrowers).where(eq(borrowers.id, borrowerId));
  if (!row) throw new AppError('UNAUTHENTICATED');
  return row;
}

/**
 * The borrower by id when someone else names them (a staff member, a case): throws AppError BORROWER_NOT_FOUND
 * (404). `getBorrower` is for the borrower's own session, where a missing row means the session is void (401).
 */
export async function getNamedBorrower(db: DbOrTx, borrowerId: string): Promise<BorrowerRow> {
  const [row] = await db.select().from(borrowers).where(eq(borrowers.id, borrowerId));
  if (!row) throw new AppError('BORROWER_NOT_FOUND');
  return row;
}

/**
 * Locks the borrower's row until the end of the transaction `tx`: changes of one account's credentials (a password
 * recovery completing, a password change) then happen one after another, never in a deadlock.
 */
export async function lockBorrower(tx: DbOrTx, borrowerId: string): Promise<void> {
  await tx.select({ id: borrowers.id }).from(borrowers).where(eq(borrowers.id, borrowerId)).for('update');
}

/** The borrower with this phone ('+7XXXXXXXXXX'), or undefined. */
export async function findBorrowerByPhone(db: DbOrTx, phone: string): Promise<BorrowerRow | undefined> {
  const [row] = await db.select().from(borrowers).where(eq(borrowers.phone, phone));
  return row;
}

/** The id of the borrower with this phone, or undefined. */
export async function findBorrowerIdByPhone(db: DbOrTx, phone: string): Promise<string | undefined> {
  const [row] = await db.select({ id: borrowers.id }).from(borrowers).where(eq(borrowers.phone, phone));
  return row?.id;
}

/** Inserts a borrower. A duplicate phone, passport or person fails with the table's unique violation. */
export async function insertBorrower(db: DbOrTx, values: NewBorrower): Promise<BorrowerRow> {
  return onlyRow(await db.insert(borrowers).values(values).returning(), insertFailed('borrowers'));
}

/** Replaces the borrower's current passport; returns the updated row. Throws UNAUTHENTICATED when none. */
export async function updateBorrowerPassport(
  db: DbOrTx,
  borrowerId: string,
  passport: BorrowerPassport,
): Promise<BorrowerRow> {
  const rows = await db.update(borrowers).set(passport).where(eq(borrowers.id, borrowerId)).returning();
  return onlyRow(rows, () => new AppError('UNAUTHENTICATED'));
}

/** Sets a new password hash (argon2id) and when it changed. */
export async function setBorrowerPassword(
  db: DbOrTx,
  input: { borrowerId: string; passwordHash: string; at: Date },
): Promise<void> {
  await db
    .update(borrowers)
    .set({ passwordHash: input.passwordHash, passwordChangedAt: input.at })
    .where(eq(borrowers.id, input.borrowerId));
}

/** Stores a new hash of the same password (new argon2 parameters): not a password change, sessions stay. */
export async function replacePasswordHash(
  db: DbOrTx,
  borrowerId: string,
  passwordHash: string,
): Promise<void> {
  await db.update(borrowers).set({ passwordHash }).where(eq(borrowers.id, borrowerId));
}

/** True when a passport (by its keyed hash) is among the former passports of anyone but `exceptBorrowerId`. */
export async function isFormerPassport(
  db: DbOrTx,
  passportHash: string,
  exceptBorrowerId?: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: passportHistory.id })
    .from(passportHistory)
    .where(
      and(
        eq(passportHistory.passportHash, passportHash),
        exceptBorrowerId === undefined ? undefined : ne(passportHistory.borrowerId, exceptBorrowerId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * True when a passport (by its keyed hash) is the current passport of another borrower than `borrowerId`: checked
 * before a code is sent for a change (the unique index still decides in the change's transaction).
 */
export async function isCurrentPassportOfAnother(
  db: DbOrTx,
  passportHash: string,
  borrowerId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: borrowers.id })
    .from(borrowers)
    .where(and(eq(borrowers.passportHash, passportHash), ne(borrowers.id, borrowerId)))
    .limit(1);
  return row !== undefined;
}

/** Moves a borrower's (previous) passport into the history. */
export async function insertPassportHistory(
  db: DbOrTx,
  values: typeof passportHistory.$inferInsert,
): Promise<void> {
  await db.insert(passportHistory).values(values);
}

/** The borrower's former passports, the most recently replaced first. */
export function listFormerPassports(db: DbOrTx, borrowerId: string): Promise<PassportHistoryRow[]> {
  return db
    .select()
    .from(passportHistory)
    .where(eq(passportHistory.borrowerId, borrowerId))
    .orderBy(desc(passportHistory.replacedAt));
}

/** Records accepted consents (kind, document version and hash, when, from where). */
export async function insertConsents(db: DbOrTx, rows: (typeof consents.$inferInsert)[]): Promise<void> {
  await db.insert(consents).values(rows);
}

/** Whether another borrower is this person (same keyed hash of full name and birth date). */
export async function isPersonOfAnother(
  db: DbOrTx,
  personHash: string,
  borrowerId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: borrowers.id })
    .from(borrowers)
    .where(and(eq(borrowers.personHash, personHash), ne(borrowers.id, borrowerId)))
    .limit(1);
  return row !== undefined;
}

/** Sets a new surname, name and patronymic with their person hash (a change of name with a new passport). */
export async function updateBorrowerName(
  db: DbOrTx,
  borrowerId: string,
  values: Pick<BorrowerRow, 'surname' | 'name' | 'patronymic' | 'personHash'>,
): Promise<BorrowerRow> {
  const rows = await db.update(borrowers).set(values).where(eq(borrowers.id, borrowerId)).returning();
  return onlyRow(rows, () => new AppError('UNAUTHENTICATED'));
}
