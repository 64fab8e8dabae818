import type { StaffRole } from '../../actor';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps, RequestMeta } from '../../deps';
import { newToken, sha256 } from '../../security/secrets';
import {
  endStaffSessions,
  findUnendedStaffSession,
  findUnendedStaffSessionById,
  insertStaffSession,
  touchStaffSession,
} from './staff-repository';

/** A live staff session: whose, with which role (read from the staff row on each request, so a change bites at once). */
export type ActiveStaffSession = { sessionId: string; staffId: string; role: StaffRole };

const TOUCH_EVERY_MS = 60_000;

/**
 * Opens a staff session and returns the cookie token (only its SHA-256 is stored). Lives
 * `config.staffSession.absoluteMs` at most, ends after `idleMs` without a request.
 */
export async function openStaffSession(
  deps: Deps,
  { db, staffId, meta }: { db: DbOrTx; staffId: string; meta: RequestMeta },
): Promise<{ token: string; sessionId: string }> {
  const token = newToken();
  const now = deps.clock.now();
  const sessionId = await insertStaffSession(db, {
    staffId,
    tokenHash: sha256(token),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + deps.config.staffSession.absoluteMs),
  });
  return { token, sessionId };
}

/** The live staff session behind a cookie token, or null (unknown, ended, idle, expired, member blocked). */
export async function resolveStaffSession(deps: Deps, token: string): Promise<ActiveStaffSession | null> {
  const now = deps.clock.now();
  const row = await findUnendedStaffSession(deps.db, sha256(token));
  if (!row) return null;
  const idleFor = now.getTime() - row.lastSeenAt.getTime();
  if (row.status !== 'active' || row.expiresAt <= now || idleFor > deps.config.staffSession.idleMs) {
    await endStaffSessions(deps.db, { scope: { sessionId: row.id }, reason: 'expired', at: now });
    return null;
  }
  if (idleFor > TOUCH_EVERY_MS) await touchStaffSession(deps.db, row.id, now);
  return { sessionId: row.id, staffId: row.staffId, role: row.role };
}

/**
 * Whether a staff session is still live (not ended, within its lifetime and idle limit, the member active), without
 * touching it: an open live stream re-checks its session with it, and must not keep an idle session alive.
 */
export async function isStaffSessionLive(deps: Pick<Deps, 'db' | 'clock' | 'config'>, sessionId: string) {
  const now = deps.clock.now();
  const row = await findUnendedStaffSessionById(deps.db, sessionId);
  return (
    !!row &&
    row.status === 'active' &&
    row.expiresAt > now &&
    now.getTime() - row.lastSeenAt.getTime() <= deps.config.staffSession.idleMs
  );
}
