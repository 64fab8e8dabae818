import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps';
import { resolveSession } from '../modules/identity/session-store';
import { resolveStaffSession } from '../modules/backoffice/staff-session-store';
import { GUEST, type Actor, type Audience } from '../actor';
import { clearSessionCookie, readSessionToken } from './session-cookie';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth step of route(): who is making this request. */
    actor?: Actor;
  }
}

/**
 * The auth step of every route: turns a session cookie into the request's actor, once per request. Staff routes
 * read only the staff cookie (a staff member), every other audience only the borrower's (a borrower): a borrower's
 * session never opens the back office and a staff session never acts as a borrower. A cookie whose session has
 * ended is cleared.
 */
export async function authenticate(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  audience: Audience = 'borrower',
): Promise<Actor> {
  if (request.actor) return request.actor;
  if (audience === 'staff') {
    const token = readSessionToken(request, deps.config, 'staff');
    const session = token ? await resolveStaffSession(deps, token) : null;
    if (token && !session) clearSessionCookie(reply, deps.config, 'staff');
    request.actor = session ? { kind: 'staff', ...session } : GUEST;
    return request.actor;
  }
  const token = readSessionToken(request, deps.config);
  const session = token ? await resolveSession(deps, token) : null;
  if (token && !session) clearSessionCookie(reply, deps.config);
  request.actor = session
    ? { kind: 'borrower', borrowerId: session.borrowerId, sessionId: session.sessionId }
    : GUEST;
  return request.actor;
}
