import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../adapters/db/database';
import { borrowers, passportHistory, registrations } from '../../../adapters/db/schema';
import { federationAttempts, federationReviews, providerLinks } from '../../../adapters/db/schema-federation';
import { AppError } from '../../../app-error';

/** A provider sign-in in progress (see schema-federation.ts). */
export type AttemptRow = typeof federationAttempts.$inferSelect;
export type ProviderLinkRow = typeof providerLinks.$inferSelect;

export async function insertAttempt(
  db: DbOrTx,
  values: Omit<typeof federationAttempts.$inferInsert, 'id'>,
): Promise<string> {
  const [row] = await db.insert(federationAttempts).values(values).returning({ id: federationAttempts.id });
  if (!row) throw new Error('INSERT INTO federation_attempts returned no row');
  return row.id;
}

/**
 * Takes the attempt for its callback, once: sets `callback_at` only if it is unset and the attempt is alive, so a
 * replayed callback (the same code twice) finds nothing. Returns the row, or undefined.
 */
export async function claimAttemptCallback(
  db: DbOrTx,
  { state, provider, now }: { state: string; provider: 'esia' | 'tid'; now: Date },
): Promise<AttemptRow | undefined> {
  const [row] = await db
    .update(federationAttempts)
    .set({ callbackAt: now })
    .where(
      and(
        eq(federationAttempts.state, state),
        eq(federationAttempts.provider, provider),
        isNull(federationAttempts.callbackAt),
        gt(federationAttempts.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

/** Records what the callback found. */
export async function settleAttempt(
  db: DbOrTx,
  id: string,
  values: Pick<AttemptRow, 'outcome'> &
    Partial<Pick<AttemptRow, 'subject' | 'personSealed' | 'matchedBorrowerId' | 'completedAt'>>,
): Promise<void> {
  await db.update(federationAttempts).set(values).where(eq(federationAttempts.id, id));
}

/** An attempt waiting for registration or a link, alive at `now`. Throws PROVIDER_ATTEMPT_INVALID. */
export async function getOpenAttempt(db: DbOrTx, id: string, now: Date): Promise<AttemptRow> {
  const [row] = await db
    .select()
    .from(federationAttempts)
    .where(
      and(
        eq(federationAttempts.id, id),
        isNull(federationAttempts.completedAt),
        gt(federationAttempts.expiresAt, now),
        or(eq(federationAttempts.outcome, 'register'), eq(federationAttempts.outcome, 'link')),
      ),
    );
  if (!row) throw new AppError('PROVIDER_ATTEMPT_INVALID');
  return row;
}

/** Marks the attempt done (registered or linked) once; false when it already was. */
export async function completeAttempt(db: DbOrTx, id: string, now: Date, outcome: 'linked' | 'register') {
  const rows = await db
    .update(federationAttempts)
    .set({ completedAt: now, outcome })
    .where(and(eq(federationAttempts.id, id), isNull(federationAttempts.completedAt)))
    .returning({ id: federationAttempts.id });
  return rows.length === 1;
}

export async function findLink(
  db: DbOrTx,
  provider: 'esia' | 'tid',
  subject: string,
): Promise<ProviderLinkRow | undefined> {
  const [row] = await db
    .select()
    .from(providerLinks)
    .where(and(eq(providerLinks.provider, provider), eq(providerLinks.subject, subject)));
  return row;
}

/** Inserts a link; the unique indexes (provider+subject, borrower+provider) refuse a second one (23505). */
export async function insertLink(
  db: DbOrTx,
  values: Omit<typeof providerLinks.$inferInsert, 'id'>,
): Promise<void> {
  await db.insert(providerLinks).values(values);
}

export async function touchLink(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(providerLinks).set({ lastSignInAt: at }).where(eq(providerLinks.id, id));
}

export function listLinks(db: DbOrTx, borrowerId: string): Promise<ProviderLinkRow[]> {
  return db
    .select()
    .from(providerLinks)
    .where(eq(providerLinks.borrowerId, borrowerId))
    .orderBy(providerLinks.linkedAt);
}

/** Deletes the borrower's own link to `provider`; returns the deleted row (undefined when there was none). */
export async function deleteLink(
  db: DbOrTx,
  borrowerId: string,
  provider: 'esia' | 'tid',
): Promise<ProviderLinkRow | undefined> {
  const [row] = await db
    .delete(providerLinks)
    .where(and(eq(providerLinks.borrowerId, borrowerId), eq(providerLinks.provider, provider)))
    .returning();
  return row;
}

/** The account whose current passport, or a former one, has this keyed hash. */
export async function findBorrowerIdByPassportHash(
  db: DbOrTx,
  passportHash: string,
): Promise<string | undefined> {
  const [current] = await db
    .select({ id: borrowers.id })
    .from(borrowers)
    .where(eq(borrowers.passportHash, passportHash));
  if (current) return current.id;
  const [former] = await db
    .select({ id: passportHistory.borrowerId })
    .from(passportHistory)
    .where(eq(passportHistory.passportHash, passportHash))
    .limit(1);
  return former?.id;
}

export async function findBorrowerIdByPersonHash(
  db: DbOrTx,
  personHash: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: borrowers.id })
    .from(borrowers)
    .where(eq(borrowers.personHash, personHash));
  return row?.id;
}

export async function insertReview(db: DbOrTx, values: Omit<typeof federationReviews.$inferInsert, 'id'>) {
  await db.insert(federationReviews).values(values);
}

/** Ties a registration (step 1) to the provider attempt it came from. */
export async function setRegistrationAttempt(db: DbOrTx, registrationId: string, attemptId: string) {
  await db
    .update(registrations)
    .set({ federationAttemptId: attemptId })
    .where(eq(registrations.id, registrationId));
}
