import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { sessions } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import { audit } from '../audit/audit';
import type { Deps, RequestMeta } from '../../deps';
import { endSessions, type ActiveSession } from './session-store';

/** A readable device name from a User-Agent, without a parsing library: browser and OS families only. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Неизвестное устройство';
  const browser =
    [/YaBrowser/, /Edg\//, /OPR\//, /Firefox\//, /Chrome\//, /Safari\//].find((r) => r.test(userAgent))
      ?.source ?? '';
  const names: Record<string, string> = {
    YaBrowser: 'Яндекс Браузер',
    'Edg\\/': 'Edge',
    'OPR\\/': 'Opera',
    'Firefox\\/': 'Firefox',
    'Chrome\\/': 'Chrome',
    'Safari\\/': 'Safari',
  };
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  const label = [names[browser], os].filter(Boolean).join(', ');
  return label || 'Другое устройство';
}

export async function listSessions(deps: Deps, current: ActiveSession) {
  const rows = await deps.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.borrowerId, current.borrowerId),
        isNull(sessions.endedAt),
        gt(sessions.expiresAt, deps.clock.now()),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((row) => ({
    id: row.id,
    current: row.id === current.sessionId,
    device: describeDevice(row.userAgent),
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
  }));
}

/** Ends one of the borrower's own sessions. Another person's session id answers SESSION_NOT_FOUND. */
export async function endSession(deps: Deps, current: ActiveSession, sessionId: string, meta: RequestMeta) {
  const ended = await endSessions(
    deps.db,
    deps.clock.now(),
    'ended-by-borrower',
    and(eq(sessions.id, sessionId), eq(sessions.borrowerId, current.borrowerId))!,
  );
  if (ended === 0) throw new AppError('SESSION_NOT_FOUND');
  await audit(deps.db, meta, {
    actorType: 'borrower',
    actorId: current.borrowerId,
    action: 'auth.session-ended',
    subjectId: sessionId,
  });
  return { ok: true as const };
}

export async function endOtherSessions(deps: Deps, current: ActiveSession, meta: RequestMeta) {
  const ended = await endSessions(
    deps.db,
    deps.clock.now(),
    'ended-by-borrower',
    and(eq(sessions.borrowerId, current.borrowerId), ne(sessions.id, current.sessionId))!,
  );
  await audit(deps.db, meta, {
    actorType: 'borrower',
    actorId: current.borrowerId,
    action: 'auth.other-sessions-ended',
    details: { ended },
  });
  return { ended };
}
