import { eq } from 'drizzle-orm';
import { sessions } from '../../adapters/db/schema';
import type { Deps } from '../../deps';
import { endSessions } from './session-store';

export async function signOut(deps: Deps, sessionId: string): Promise<void> {
  await endSessions(deps.db, deps.clock.now(), 'sign-out', eq(sessions.id, sessionId));
}
