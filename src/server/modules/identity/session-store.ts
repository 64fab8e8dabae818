import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { sessions } from '../../adapters/db/schema';
import { newToken, sha256 } from '../../security/secrets';
import type { Deps, RequestMeta } from '../../deps';

export type ActiveSession = { sessionId: string; borrowerId: string };

/** Touching last_seen_at on every request would write on every read; once a minute is enough for idle expiry. */
const TOUCH_EVERY_MS = 60_000;

/** Opens a session and returns the cookie token; only its hash is stored. */
export async function openSession(
  deps: Deps,
  db: DbOrTx,
  borrowerId: string,
  meta: RequestMeta,
): Promise<{ token: string; sessionId: string }> {
  const token = newToken();
  const now = deps.clock.now();
  const [row] = await db
    .insert(sessions)
    .values({
      borrowerId,
      tokenHash: sha256(token),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.config.session.absoluteMs),
    })
    .returning({ id: sessions.id });
  return { token, sessionId: row!.id };
}

/** The live session behind a cookie token, or null when unknown, ended, idle too long or past its lifetime. */
export async function resolveSession(deps: Deps, token: string): Promise<ActiveSession | null> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.endedAt)));
  if (!row) return null;
  const idleFor = now.getTime() - row.lastSeenAt.getTime();
  if (row.expiresAt <= now || idleFor > deps.config.session.idleMs) {
    await endSessions(deps.db, now, 'expired', eq(sessions.id, row.id));
    return null;
  }
  if (idleFor > TOUCH_EVERY_MS)
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
  return { sessionId: row.id, borrowerId: row.borrowerId };
}

/** Ends the live sessions matching `where`; returns how many ended. */
export async function endSessions(
  db: DbOrTx,
  now: Date,
  reason: 'sign-out' | 'expired' | 'ended-by-borrower' | 'password-reset',
  where: ReturnType<typeof eq>,
): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(where, isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}
