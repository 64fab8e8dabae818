import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { otpCodes } from '../../adapters/db/schema';
import { onlyRow } from './borrower-repository';

/** A one-time code, stored as a keyed hash; `subjectId` is the registration, recovery or document it confirms. */
export type OtpCodeRow = typeof otpCodes.$inferSelect;

/** When the subject's latest code was issued, or undefined when it has none. */
export async function findLastCodeIssuedAt(db: DbOrTx, subjectId: string): Promise<Date | undefined> {
  const [last] = await db
    .select({ createdAt: otpCodes.createdAt })
    .from(otpCodes)
    .where(eq(otpCodes.subjectId, subjectId))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  return last?.createdAt;
}

/** Inserts a code; returns its id. */
export async function insertCode(
  db: DbOrTx,
  values: Pick<OtpCodeRow, 'purpose' | 'subjectId' | 'phone' | 'codeHash' | 'createdAt' | 'expiresAt'>,
): Promise<string> {
  const rows = await db.insert(otpCodes).values(values).returning({ id: otpCodes.id });
  return onlyRow(rows, () => new Error('INSERT INTO otp_codes returned no row')).id;
}

/** Withdraws a code (it could not be delivered). */
export async function deleteCode(db: DbOrTx, codeId: string): Promise<void> {
  await db.delete(otpCodes).where(eq(otpCodes.id, codeId));
}

/** The subject's latest code not yet consumed (it may be expired or burnt), or undefined. */
export async function findLatestUnconsumedCode(
  db: DbOrTx,
  subjectId: string,
): Promise<OtpCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.subjectId, subjectId), isNull(otpCodes.consumedAt)))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  return row;
}

/**
 * Takes one try of a code before it is compared, in one atomic UPDATE (attempts = attempts + 1 WHERE attempts < max,
 * not consumed, not expired), so parallel guesses cannot share a try: at most `maxAttempts` comparisons ever run for
 * one code, however many requests arrive at once. Returns the try's number (1-based), or undefined when the code
 * has no try left, was consumed meanwhile or has expired at `now`. (The column keeps its historical name
 * `failed_attempts`; it counts every try taken, and a right one consumes the code.)
 */
export async function takeAttempt(
  db: DbOrTx,
  codeId: string,
  maxAttempts: number,
  now: Date,
): Promise<number | undefined> {
  const [taken] = await db
    .update(otpCodes)
    .set({ failedAttempts: sql`${otpCodes.failedAttempts} + 1` })
    .where(
      and(
        eq(otpCodes.id, codeId),
        lt(otpCodes.failedAttempts, maxAttempts),
        isNull(otpCodes.consumedAt),
        gt(otpCodes.expiresAt, now),
      ),
    )
    .returning({ attempts: otpCodes.failedAttempts });
  return taken?.attempts;
}

/** Consumes a code once: false when another request consumed it first. */
export async function consumeCode(db: DbOrTx, codeId: string, at: Date): Promise<boolean> {
  const consumed = await db
    .update(otpCodes)
    .set({ consumedAt: at })
    .where(and(eq(otpCodes.id, codeId), isNull(otpCodes.consumedAt)))
    .returning({ id: otpCodes.id });
  return consumed.length > 0;
}
