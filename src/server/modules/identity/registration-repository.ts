import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { captchas, passwordRecoveries, registrations } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import { onlyRow } from './borrower-repository';

/** Step 1 of a registration: phone, password hash, whether the phone is confirmed, until it expires. */
export type RegistrationRow = typeof registrations.$inferSelect;
/** A «Забыли пароль» attempt; `borrowerId` null when the phone has no account. */
export type RecoveryRow = typeof passwordRecoveries.$inferSelect;

// ── Registrations ──────────────────────────────────────────────────────────

/** Inserts step 1 of a registration; returns its id (the bearer secret of the next steps). */
export async function insertRegistration(
  db: DbOrTx,
  values: Pick<RegistrationRow, 'phone' | 'passwordHash' | 'ip' | 'createdAt' | 'expiresAt'>,
): Promise<string> {
  const rows = await db.insert(registrations).values(values).returning({ id: registrations.id });
  return onlyRow(rows, () => new Error('INSERT INTO registrations returned no row')).id;
}

/** A registration neither completed nor expired at `now`. Throws REGISTRATION_NOT_FOUND. */
export async function getOpenRegistration(db: DbOrTx, id: string, now: Date): Promise<RegistrationRow> {
  const [row] = await db
    .select()
    .from(registrations)
    .where(
      and(eq(registrations.id, id), isNull(registrations.completedAt), gt(registrations.expiresAt, now)),
    );
  if (!row) throw new AppError('REGISTRATION_NOT_FOUND');
  return row;
}

/** Deletes a registration (its code could not be sent). */
export async function deleteRegistration(db: DbOrTx, id: string): Promise<void> {
  await db.delete(registrations).where(eq(registrations.id, id));
}

/** Marks the registration's phone as confirmed by SMS code. */
export async function markRegistrationPhoneConfirmed(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(registrations).set({ phoneConfirmedAt: at }).where(eq(registrations.id, id));
}

/** Completes a registration with its new borrower, once: false when it was already completed. */
export async function markRegistrationCompleted(
  db: DbOrTx,
  input: { registrationId: string; borrowerId: string; at: Date },
): Promise<boolean> {
  const completed = await db
    .update(registrations)
    .set({ completedAt: input.at, borrowerId: input.borrowerId })
    .where(and(eq(registrations.id, input.registrationId), isNull(registrations.completedAt)))
    .returning({ id: registrations.id });
  return completed.length > 0;
}

// ── Password recoveries ────────────────────────────────────────────────────

/** Inserts a recovery attempt; returns its id. */
export async function insertRecovery(
  db: DbOrTx,
  values: Pick<RecoveryRow, 'phone' | 'borrowerId' | 'ip' | 'createdAt' | 'expiresAt'>,
): Promise<string> {
  const rows = await db.insert(passwordRecoveries).values(values).returning({ id: passwordRecoveries.id });
  return onlyRow(rows, () => new Error('INSERT INTO password_recoveries returned no row')).id;
}

/** A recovery neither completed nor expired at `now`. Throws RECOVERY_NOT_FOUND. */
export async function getOpenRecovery(db: DbOrTx, id: string, now: Date): Promise<RecoveryRow> {
  const [row] = await db
    .select()
    .from(passwordRecoveries)
    .where(
      and(
        eq(passwordRecoveries.id, id),
        isNull(passwordRecoveries.completedAt),
        gt(passwordRecoveries.expiresAt, now),
      ),
    );
  if (!row) throw new AppError('RECOVERY_NOT_FOUND');
  return row;
}

/**
 * Marks an open recovery as completed (its code cannot set a password twice). False when it was already
 * completed or ended meanwhile (another flow of the account finished first): the caller must not go on.
 */
export async function markRecoveryCompleted(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const marked = await db
    .update(passwordRecoveries)
    .set({ completedAt: at })
    .where(and(eq(passwordRecoveries.id, id), isNull(passwordRecoveries.completedAt)))
    .returning({ id: passwordRecoveries.id });
  return marked.length > 0;
}

/** Ends every open recovery of an account (its password changed): their codes can set nothing. Returns how many. */
export async function endOpenRecoveries(db: DbOrTx, borrowerId: string, at: Date): Promise<number> {
  const ended = await db
    .update(passwordRecoveries)
    .set({ completedAt: at })
    .where(and(eq(passwordRecoveries.borrowerId, borrowerId), isNull(passwordRecoveries.completedAt)))
    .returning({ id: passwordRecoveries.id });
  return ended.length;
}

// ── Captchas ───────────────────────────────────────────────────────────────

/** Stores a captcha's keyed answer hash until `expiresAt`. */
export async function insertCaptcha(
  db: DbOrTx,
  values: { id: string; answerHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.insert(captchas).values(values);
}

/** Spends an unused, unexpired captcha at `now`; returns its answer hash, or undefined when there was none. */
export async function spendCaptcha(db: DbOrTx, id: string, now: Date): Promise<string | undefined> {
  const [spent] = await db
    .update(captchas)
    .set({ usedAt: now })
    .where(and(eq(captchas.id, id), isNull(captchas.usedAt), gt(captchas.expiresAt, now)))
    .returning({ answerHash: captchas.answerHash });
  return spent?.answerHash;
}
