import type { DbOrTx } from '../../adapters/db/database';
import type { Deps, RequestMeta } from '../../deps';
import { newToken, sha256 } from '../../security/secrets';
import { cachedSession, rememberSession, sessionCacheGeneration } from './session-cache';
import {
  endSessions,
  findUnendedSession,
  findUnendedSessionById,
  insertSession,
  touchSession,
  type NewSession,
} from './session-repository';

/** The session behind a request: its id and whose it is. */
export type ActiveSession = { sessionId: string; borrowerId: string };

/** Touching last_seen_at on every request would write on every read; once a minute is enough for idle expiry. */
const TOUCH_EVERY_MS = 60_000;

/**
 * A new session's cookie token and its row: only the token's SHA-256 is stored; it lives
 * `config.session.absoluteMs` at most; `method` says how it was opened (shown in the borrower's sessions list).
 */
export function newSession(
  deps: Pick<Deps, 'clock' | 'config'>,
  { borrowerId, meta, method }: { borrowerId: string; meta: RequestMeta; method: NewSession['method'] },
): { token: string; values: NewSession } {
  const token = newToken();
  const now = deps.clock.now();
  return {
    token,
    values: {
      borrowerId,
      tokenHash: sha256(token),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.config.session.absoluteMs),
      method,
    },
  };
}

/**
 * Opens a session (in `db`, usually the caller's transaction) and returns the cookie token and the session id
 * (newSession). A password sign-in opens its session with its own prepared statement (sign-in-repository.ts).
 */
export async function openSession(
  deps: Deps,
  {
    db,
    borrowerId,
    meta,
    method = 'password',
  }: { db: DbOrTx; borrowerId: string; meta: RequestMeta; method?: 'password' | 'esia' | 'tid' },
): Promise<{ token: string; sessionId: string }> {
  const { token, values } = newSession(deps, { borrowerId, meta, method });
  return { token, sessionId: await insertSession(db, values) };
}

/**
 * The live session behind a cookie token, or null when unknown, ended, idle too long or past its lifetime. A
 * session read in the last few seconds comes from the in-process cache (session-cache.ts: ended sessions stop
 * working at once on this instance, within SESSION_CACHE_MS on others); the database is read again whenever the
 * cached times say the session expired or a touch is due.
 */
export async function resolveSession(deps: Deps, token: string): Promise<ActiveSession | null> {
  const now = deps.clock.now();
  const tokenHash = sha256(token);
  const cached = cachedSession(deps.db, tokenHash);
  if (cached && cached.expiresAt > now) {
    const idleFor = now.getTime() - cached.lastSeenAt.getTime();
    if (idleFor >= 0 && idleFor <= TOUCH_EVERY_MS)
      return { sessionId: cached.sessionId, borrowerId: cached.borrowerId };
  }
  const readGeneration = sessionCacheGeneration();
  const row = await findUnendedSession(deps.db, tokenHash);
  if (!row) return null;
  const idleFor = now.getTime() - row.lastSeenAt.getTime();
  if (row.expiresAt <= now || idleFor > deps.config.session.idleMs) {
    await endSessions(deps.db, { scope: { sessionId: row.id }, reason: 'expired', at: now });
    return null;
  }
  let lastSeenAt = row.lastSeenAt;
  if (idleFor > TOUCH_EVERY_MS) {
    await touchSession(deps.db, row.id, now);
    lastSeenAt = now;
  }
  const session = { sessionId: row.id, borrowerId: row.borrowerId };
  rememberSession(deps.db, tokenHash, { ...session, lastSeenAt, expiresAt: row.expiresAt }, readGeneration);
  return session;
}

/**
 * Whether a session is still live (not ended, not past its lifetime, not idle too long), without touching it: an
 * open live stream re-checks its session with it, and must not keep an idle session alive.
 */
export async function isSessionLive(deps: Pick<Deps, 'db' | 'clock' | 'config'>, sessionId: string) {
  const now = deps.clock.now();
  const row = await findUnendedSessionById(deps.db, sessionId);
  return (
    !!row && row.expiresAt > now && now.getTime() - row.lastSeenAt.getTime() <= deps.config.session.idleMs
  );
}
