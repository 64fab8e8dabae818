import { and, asc, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { AddressParts } from '../../../domain/address';
import type { DbOrTx } from '../../adapters/db/database';
import { loanApplications } from '../../adapters/db/schema-loans';
import type { ADDRESS_KINDS } from '../../adapters/db/schema-profile';
import { borrowerAddresses, borrowerDetails } from '../../adapters/db/schema-profile';

export type AddressKind = (typeof ADDRESS_KINDS)[number];
export type StoredAddress = typeof borrowerAddresses.$inferSelect;
export type StoredDetails = typeof borrowerDetails.$inferSelect;

/** Every address version of the borrower, oldest first (current ones have `replacedAt` null). */
export function listAddresses(db: DbOrTx, borrowerId: string): Promise<StoredAddress[]> {
  return db
    .select()
    .from(borrowerAddresses)
    .where(eq(borrowerAddresses.borrowerId, borrowerId))
    .orderBy(asc(borrowerAddresses.validFrom));
}

/** The current address of a kind, or null. */
export async function findCurrentAddress(
  db: DbOrTx,
  borrowerId: string,
  kind: AddressKind,
): Promise<StoredAddress | null> {
  const [row] = await db
    .select()
    .from(borrowerAddresses)
    .where(
      and(
        eq(borrowerAddresses.borrowerId, borrowerId),
        eq(borrowerAddresses.kind, kind),
        isNull(borrowerAddresses.replacedAt),
      ),
    );
  return row ?? null;
}

/** Closes the current address of a kind at `at` (nothing when there is none). */
export async function closeCurrentAddress(
  db: DbOrTx,
  borrowerId: string,
  kind: AddressKind,
  at: Date,
): Promise<void> {
  await db
    .update(borrowerAddresses)
    .set({ replacedAt: at })
    .where(
      and(
        eq(borrowerAddresses.borrowerId, borrowerId),
        eq(borrowerAddresses.kind, kind),
        isNull(borrowerAddresses.replacedAt),
      ),
    );
}

/** Inserts the new current address of a kind (close the previous one first, in the same transaction). */
export async function insertAddress(
  db: DbOrTx,
  row: {
    borrowerId: string;
    kind: AddressKind;
    text: string;
    parts: AddressParts;
    fiasId: string | null;
    validFrom: Date;
  },
): Promise<void> {
  const { parts } = row;
  await db.insert(borrowerAddresses).values({
    borrowerId: row.borrowerId,
    kind: row.kind,
    text: row.text,
    postalCode: parts.postalCode,
    region: parts.region,
    city: parts.city,
    street: parts.street,
    house: parts.house,
    flat: parts.flat,
    privateHouse: parts.privateHouse,
    fiasId: row.fiasId,
    validFrom: row.validFrom,
  });
}

/** The borrower's details row, or null before they first saved any. */
export async function findDetails(db: DbOrTx, borrowerId: string): Promise<StoredDetails | null> {
  const [row] = await db.select().from(borrowerDetails).where(eq(borrowerDetails.borrowerId, borrowerId));
  return row ?? null;
}

/** Writes the given details (insert or update), stamping `updatedAt`. */
export async function upsertDetails(
  db: DbOrTx,
  borrowerId: string,
  values: Partial<Omit<StoredDetails, 'borrowerId' | 'createdAt' | 'updatedAt'>>,
  at: Date,
): Promise<void> {
  await db
    .insert(borrowerDetails)
    .values({ borrowerId, ...values, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: borrowerDetails.borrowerId, set: { ...values, updatedAt: at } });
}

/** Employment and income of the borrower's newest application, or null when they never applied. */
export async function findLastApplicationEmployment(db: DbOrTx, borrowerId: string) {
  const [row] = await db
    .select({
      employment: loanApplications.employment,
      monthlyIncome: loanApplications.monthlyIncome,
      createdAt: loanApplications.createdAt,
    })
    .from(loanApplications)
    .where(eq(loanApplications.borrowerId, borrowerId))
    .orderBy(desc(loanApplications.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Takes one try of the pending e-mail code atomically (at most `max`); returns the row with the try counted, or
 * null when no try is left or nothing is pending.
 */
export async function takeEmailCodeTry(db: DbOrTx, borrowerId: string, max: number) {
  const [row] = await db
    .update(borrowerDetails)
    .set({ emailCodeAttempts: sql`${borrowerDetails.emailCodeAttempts} + 1` })
    .where(
      and(
        eq(borrowerDetails.borrowerId, borrowerId),
        isNotNull(borrowerDetails.emailPending),
        lt(borrowerDetails.emailCodeAttempts, max),
      ),
    )
    .returning();
  return row ?? null;
}
