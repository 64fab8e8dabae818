import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers, knownSignInSources } from '../../adapters/db/schema';

/** Records (or refreshes) the sources an account has just signed in from: keyed hashes, see known-sources.ts. */
export async function rememberSources(
  db: DbOrTx,
  input: { borrowerId: string; sourceHashes: readonly string[]; at: Date },
): Promise<void> {
  if (input.sourceHashes.length > 0) await rememberSourcesWrite(db, input);
}

/**
 * rememberSources as a write not yet run (PendingWrite, for writeAlong in database.ts); `sourceHashes` must not
 * be empty (a request always has its address).
 */
export function rememberSourcesWrite(
  db: DbOrTx,
  input: { borrowerId: string; sourceHashes: readonly string[]; at: Date },
) {
  if (input.sourceHashes.length === 0) throw new Error('rememberSourcesWrite: no source');
  return db
    .insert(knownSignInSources)
    .values(
      input.sourceHashes.map((sourceHash) => ({
        borrowerId: input.borrowerId,
        sourceHash,
        firstSeenAt: input.at,
        lastSeenAt: input.at,
      })),
    )
    .onConflictDoUpdate({
      target: [knownSignInSources.borrowerId, knownSignInSources.sourceHash],
      set: { lastSeenAt: input.at },
    });
}

/** Whether the account has signed in successfully before from any of these sources. */
export async function isKnownSource(
  db: DbOrTx,
  borrowerId: string,
  sourceHashes: readonly string[],
): Promise<boolean> {
  if (sourceHashes.length === 0) return false;
  const [row] = await db
    .select({ borrowerId: knownSignInSources.borrowerId })
    .from(knownSignInSources)
    .where(
      and(
        eq(knownSignInSources.borrowerId, borrowerId),
        inArray(knownSignInSources.sourceHash, [...sourceHashes]),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Sign-in's one read: the borrower with this phone (or undefined) and whether the account has signed in
 * successfully before from any of these sources (false without a borrower), in a single query.
 */
export async function findBorrowerAndKnownSource(
  db: DbOrTx,
  phone: string,
  sourceHashes: readonly string[],
): Promise<{ borrower: typeof borrowers.$inferSelect | undefined; known: boolean }> {
  const known =
    sourceHashes.length === 0
      ? sql<boolean>`false`
      : sql<boolean>`exists (select 1 from ${knownSignInSources} where ${and(
          eq(knownSignInSources.borrowerId, borrowers.id),
          inArray(knownSignInSources.sourceHash, [...sourceHashes]),
        )})`;
  const [row] = await db
    .select({ borrower: borrowers, known })
    .from(borrowers)
    .where(eq(borrowers.phone, phone));
  return { borrower: row?.borrower, known: row?.known === true };
}
