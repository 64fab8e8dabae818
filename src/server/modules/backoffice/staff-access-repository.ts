import { and, asc, eq, ne, sql } from 'drizzle-orm';
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
