import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers, knownSignInSources } from '../../adapters/db/schema';

/**
 * How old a source's last_seen_at may grow before a sign-in from it writes the row again (rememberSourcesWrite
 * refreshes it; the sign-in's lookup reports the sources fresh until then, and the sign-in then writes nothing).
 */
const SOURCE_REFRESH_AFTER = sql.raw(`interval '1 day'`);

/** Records the sources an account has just signed in from (keyed hashes, see known-sources.ts), or refreshes their
 * last_seen_at when it is more than a day old. */
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
      set: { lastSeenAt: sql`excluded.last_seen_at` },
      // Refreshed at most once a day: a source signing in all day long does not rewrite its row every time.
      setWhere: sql`${knownSignInSources.lastSeenAt} < excluded.last_seen_at - ${SOURCE_REFRESH_AFTER}`,
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
 * Sign-in's read as a statement prepared once per database handle: node-postgres names it, so each connection
 * parses and plans it once, and Drizzle does not build its text (the whole borrowers row) on every sign-in. The
 * sources are one array parameter, however many there are.
 */
function prepareSignInLookup(db: DbOrTx) {
  const ofThisAccount = sql`${knownSignInSources.borrowerId} = ${borrowers.id} and ${
    knownSignInSources.sourceHash
  } = any(${sql.placeholder('sourceHashes')}::text[])`;
  return db
    .select({
      borrower: borrowers,
      known: sql<boolean>`exists (select 1 from ${knownSignInSources} where ${ofThisAccount})`,
      // Every source a row of its own, none older than SOURCE_REFRESH_AFTER: rememberSourcesWrite would write nothing.
      fresh: sql<boolean>`(select count(*) from ${knownSignInSources} where ${ofThisAccount} and ${
        knownSignInSources.lastSeenAt
      } >= ${sql.placeholder('at')}::timestamptz - ${SOURCE_REFRESH_AFTER}) = cardinality(${sql.placeholder(
        'sourceHashes',
      )}::text[])`,
    })
    .from(borrowers)
    .where(eq(borrowers.phone, sql.placeholder('phone')))
    .prepare('sign_in_lookup');
}

const signInLookups = new WeakMap<object, ReturnType<typeof prepareSignInLookup>>();

/**
 * Sign-in's one read, in a single query: the borrower with this phone (or undefined); whether the account has signed
 * in successfully before from any of these sources (`known`; false without a borrower or without sources); and
 * whether it did from every one of them within a day of `at` (`fresh`: remembering them now would write nothing, see
 * SOURCE_REFRESH_AFTER).
 */
export async function findBorrowerAndKnownSource(
  db: DbOrTx,
  input: { phone: string; sourceHashes: readonly string[]; at: Date },
): Promise<{ borrower: typeof borrowers.$inferSelect | undefined; known: boolean; fresh: boolean }> {
  let lookup = signInLookups.get(db);
  if (!lookup) signInLookups.set(db, (lookup = prepareSignInLookup(db)));
  const [row] = await lookup.execute({
    phone: input.phone,
    sourceHashes: [...input.sourceHashes],
    at: input.at,
  });
  return { borrower: row?.borrower, known: row?.known === true, fresh: row?.fresh === true };
}
