import type { SessionView } from '../../../contracts';
import type { Deps } from '../../deps';
import { listLiveSessions } from './session-repository';
import { toSessionView } from './views';

/** The borrower's live sessions, the most recently used first; `currentSessionId` is marked `current`. */
export async function listSessions(
  deps: Deps,
  { borrowerId, currentSessionId }: { borrowerId: string; currentSessionId: string },
): Promise<SessionView[]> {
  const rows = await listLiveSessions(deps.db, borrowerId, deps.clock.now());
  return rows.map((row) => toSessionView(row, currentSessionId));
}
