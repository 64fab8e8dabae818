import type { Deps } from '../../deps';
import { endSessions } from './session-repository';

/** Ends the session (if still live). */
export async function signOut(deps: Deps, { sessionId }: { sessionId: string }): Promise<void> {
  await endSessions(deps.db, { scope: { sessionId }, reason: 'sign-out', at: deps.clock.now() });
}
