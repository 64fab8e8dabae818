import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { staff, staffSessions } from '../../adapters/db/schema-backoffice';
import { AppError } from '../../app-error';

/** A staff row (the password hash and the encrypted TOTP secret included: never sent to a client). */
export type StaffRow = typeof staff.$inferSelect;
/** A staff_sessions row. */
export type StaffSessionRow = typeof staffSessions.$inferSelect;

/** Inserts a staff member; returns the row. Throws the database's unique violation on a taken login. */
export async function insertStaff(db: DbOrTx, values: typeof staff.$inferInsert): Promise<StaffRow> {
  const [row] = await db.insert(staff).values(values).returning();
  if (!row) throw new Error('INSERT INTO staff returned no row');
  return row;
}

/** Which of these logins (exact) are taken, in one query. */
export async function findTakenLogins(db: DbOrTx, logins: readonly string[]): Promise<Set<string>> {
  if (logins.length === 0) return new Set();
  const rows = await db
    .select({ login: staff.login })
    .from(staff)
    .where(inArray(staff.login, [...logins]));
  return new Set(rows.map((r) => r.login));
}

/** The staff member with this login (exact, already normalised by the caller), or undefined. */
export async function findStaffByLogin(db: DbOrTx, login: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.login, login));
  return row;
}

/** The staff member by id; throws AppError NOT_FOUND when there is none. */
export async function getStaff(db: DbOrTx, staffId: string): Promise<StaffRow> {
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Inserts a staff session; returns its id. */
export async function insertStaffSession(
  db: DbOrTx,
  values: Omit<typeof staffSessions.$inferInsert, 'id' | 'endedAt' | 'endReason'>,
): Promise<string> {
  const [row] = await db.insert(staffSessions).values(values).returning({ id: staffSessions.id });
  if (!row) throw new Error('INSERT INTO staff_sessions returned no row');
  return row.id;
}

/** The not-ended session with this token hash joined with its member's role and status, or undefined. */
export async function findUnendedStaffSession(
  db: DbOrTx,
  tokenHash: string,
): Promise<(StaffSessionRow & { role: StaffRow['role']; status: StaffRow['status'] }) | undefined> {
  const [row] = await db
    .select({ session: staffSessions, role: staff.role, status: staff.status })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(and(eq(staffSessions.tokenHash, tokenHash), isNull(staffSessions.endedAt)));
  return row ? { ...row.session, role: row.role, status: row.status } : undefined;
}

/** The not-ended staff session with this id joined with its member's status (a stream's re-check), or undefined. */
export async function findUnendedStaffSessionById(db: DbOrTx, sessionId: string) {
  const [row] = await db
    .select({ session: staffSessions, status: staff.status })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)));
  return row ? { ...row.session, status: row.status } : undefined;
}

/** Records activity on a staff session (for the idle expiry). */
export async function touchStaffSession(db: DbOrTx, sessionId: string, at: Date): Promise<void> {
  await db.update(staffSessions).set({ lastSeenAt: at }).where(eq(staffSessions.id, sessionId));
}

/** Ends one staff session, or every live session of a member; returns how many ended. */
export async function endStaffSessions(
  db: DbOrTx,
  input: { scope: { sessionId: string } | { staffId: string }; reason: string; at: Date },
): Promise<number> {
  const { scope } = input;
  const ended = await db
    .update(staffSessions)
    .set({ endedAt: input.at, endReason: input.reason })
    .where(
      and(
        'sessionId' in scope
          ? eq(staffSessions.id, scope.sessionId)
          : eq(staffSessions.staffId, scope.staffId),
        isNull(staffSessions.endedAt),
      ),
    )
    .returning({ id: staffSessions.id });
  return ended.length;
}

/** A member's «на смене» status and when it last changed; throws AppError NOT_FOUND for an unknown member. */
export async function getDutyStatus(db: DbOrTx, staffId: string) {
  const [row] = await db
    .select({ onDuty: staff.onDuty, changedAt: staff.onDutyChangedAt })
    .from(staff)
    .where(eq(staff.id, staffId));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Sets a member's «на смене» status; returns the previous one (undefined for an unknown member). */
export async function setDutyStatus(
  db: DbOrTx,
  input: { staffId: string; onDuty: boolean; at: Date },
): Promise<boolean | undefined> {
  const [before] = await db
    .select({ onDuty: staff.onDuty })
    .from(staff)
    .where(eq(staff.id, input.staffId))
    .for('update');
  if (!before) return undefined;
  await db
    .update(staff)
    .set({ onDuty: input.onDuty, onDutyChangedAt: input.at })
    .where(eq(staff.id, input.staffId));
  return before.onDuty;
}
