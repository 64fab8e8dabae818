import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { endSessions } from './session-repository';

/** Ends every live session of the borrower but the current one; returns how many ended. */
export async function endOtherSessions(
  deps: Deps,
  { borrowerId, currentSessionId, meta }: { borrowerId: string; currentSessionId: string; meta: RequestMeta },
) {
  const ended = await endSessions(deps.db, {
    scope: { borrowerId, exceptSessionId: currentSessionId },
    reason: 'ended-by-borrower',
    at: deps.clock.now(),
  });
  await audit(deps.db, {
    meta,
    actor: { kind: 'borrower', borrowerId },
    action: 'auth.other-sessions-ended',
    details: { ended },
  });
  return { ended };
}
