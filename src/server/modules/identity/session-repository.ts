import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { writeAlong, type DbOrTx, type PendingWrite } from '../../adapters/db/database';
import { sessions } from '../../adapters/db/schema';
import { onlyRow } from './borrower-repository';
import { forgetCachedSessions } from './session-cache';

/** A sessions row: only the SHA-256 of the cookie token is stored; `endedAt` null while live. */
export type SessionRow = typeof sessions.$inferSelect;

/** Why a session ended, stored in sessions.end_reason. */
export type EndReason =
  | 'sign-out'
  | 'expired'
  | 'ended-by-borrower'
  | 'password-reset'
  | 'ended-by-staff'
  | 'phone-changed'
  | 'relationship-ended';

/** Which live sessions to end: one session (optionally only if it is this borrower's), or a borrower's all/others. */
export type SessionScope =
  { sessionId: string; borrowerId?: string } | { borrowerId: string; exceptSessionId?: string };

/** A new sessions row's values (the database fills the id). */
export type NewSession = Omit<typeof sessions.$inferInsert, 'id' | 'endedAt' | 'endReason'>;

/**
 * The INSERT of a session returning its id, not yet run: insertSession runs it, sign-in prepares it once
 * (sign-in-repository.ts). `alongside`: other writes in the same statement (writeAlong in database.ts), committed with
 * the session or not at all, in one round trip.
 */
export const sessionInsert = (db: DbOrTx, values: NewSession, alongside: readonly PendingWrite[] = []) =>
  (alongside.length > 0 ? db.with(...writeAlong(db, alongside)) : db)
    .insert(sessions)
    .values(values)
    .returning({ id: sessions.id });

/** Inserts a session; returns its id. */
export async function insertSession(db: DbOrTx, values: NewSession): Promise<string> {
  const rows = await sessionInsert(db, values);
  return onlyRow(rows, () => new Error('INSERT INTO sessions returned no row')).id;
}

/** The not-ended session with this token hash, or undefined (expiry is the caller's business). */
export async function findUnendedSession(db: DbOrTx, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)));
  return row;
}

/** The not-ended session with this id (for a live stream's re-check), or undefined. */
export async function findUnendedSessionById(db: DbOrTx, sessionId: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
  return row;
}

/** Records activity on a session (for the idle expiry). */
export async function touchSession(db: DbOrTx, sessionId: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId));
}

/** Ends the live sessions in `scope` at `at` for `reason`; returns how many ended. */
export async function endSessions(
  db: DbOrTx,
  input: { scope: SessionScope; reason: EndReason; at: Date },
): Promise<number> {
  const { scope } = input;
  // Before and after the write: no request on this instance goes on trusting a cached copy of these sessions.
  forgetCachedSessions();
  const ended = await db
    .update(sessions)
    .set({ endedAt: input.at, endReason: input.reason })
    .where(
      and(
        'sessionId' in scope ? eq(sessions.id, scope.sessionId) : undefined,
        scope.borrowerId === undefined ? undefined : eq(sessions.borrowerId, scope.borrowerId),
        'exceptSessionId' in scope && scope.exceptSessionId !== undefined
          ? ne(sessions.id, scope.exceptSessionId)
          : undefined,
        isNull(sessions.endedAt),
      ),
    )
    .returning({ id: sessions.id });
  forgetCachedSessions();
  return ended.length;
}

/** The borrower's sessions neither ended nor past their lifetime at `now`, the most recently used first. */
export function listLiveSessions(db: DbOrTx, borrowerId: string, now: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.borrowerId, borrowerId), isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
}
