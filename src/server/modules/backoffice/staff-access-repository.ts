import { and, asc, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { staff } from '../../adapters/db/schema-backoffice';
import { AppError } from '../../app-error';
import type { StaffRow } from './staff-repository';

/** Fields of a staff row the access use cases change. */
export type StaffChange = Partial<
  Pick<
    typeof staff.$inferInsert,
    'role' | 'status' | 'passwordHash' | 'totpSecretEncrypted' | 'totpEnrolledAt' | 'failedSignIns'
  >
>;

/** Updates a staff member; returns the new row. Throws AppError NOT_FOUND when there is none. */
export async function updateStaff(db: DbOrTx, staffId: string, change: StaffChange): Promise<StaffRow> {
  const [row] = await db.update(staff).set(change).where(eq(staff.id, staffId)).returning();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Records `step` as the member's last accepted TOTP step when it is later than the one recorded: true when this call
 * recorded it, false when the step (or a later one) was already used. One conditional UPDATE, so of two concurrent
 * sign-ins with the same code exactly one wins (RFC 6238 §5.2).
 */
export async function claimTotpStep(db: DbOrTx, staffId: string, step: number): Promise<boolean> {
  const claimed = await db
    .update(staff)
    .set({ totpLastStep: step })
    .where(and(eq(staff.id, staffId), or(isNull(staff.totpLastStep), lt(staff.totpLastStep, step))))
    .returning({ id: staff.id });
  return claimed.length === 1;
}

/** Adds one to the member's count of failed sign-ins since the last success. */
export async function countFailedStaffSignIn(db: DbOrTx, staffId: string): Promise<void> {
  await db
    .update(staff)
    .set({ failedSignIns: sql`${staff.failedSignIns} + 1` })
    .where(eq(staff.id, staffId));
}

/** Every staff member, by login. */
export async function listStaffRows(db: DbOrTx): Promise<StaffRow[]> {
  return db.select().from(staff).orderBy(asc(staff.login));
}

/** The staff member by id, the row locked until the transaction ends (FOR UPDATE); NOT_FOUND when there is none. */
export async function lockStaff(db: DbOrTx, staffId: string): Promise<StaffRow> {
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** How many active admins there are besides `exceptId`, their rows locked (so two admins cannot both go at once). */
export async function countOtherActiveAdmins(db: DbOrTx, exceptId: string): Promise<number> {
  const rows = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.role, 'admin'), eq(staff.status, 'active'), ne(staff.id, exceptId)))
    .for('update');
  return rows.length;
}
