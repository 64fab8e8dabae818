import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { endSessions } from './session-repository';

/** Ends one of the borrower's own sessions. Another person's (or an ended) session id: SESSION_NOT_FOUND. */
export async function endSession(
  deps: Deps,
  { borrowerId, sessionId, meta }: { borrowerId: string; sessionId: string; meta: RequestMeta },
) {
  const ended = await endSessions(deps.db, {
    scope: { sessionId, borrowerId },
    reason: 'ended-by-borrower',
    at: deps.clock.now(),
  });
  if (ended === 0) throw new AppError('SESSION_NOT_FOUND');
  await audit(deps.db, {
    meta,
    actor: { kind: 'borrower', borrowerId },
    action: 'auth.session-ended',
    subjectId: sessionId,
  });
  return { ok: true as const };
}
