import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps';
import { resolveSession } from '../modules/identity/session-store';
import { GUEST, type Actor } from '../actor';
import { clearSessionCookie, readSessionToken } from './session-cookie';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth step of route(): who is making this request. */
    actor?: Actor;
  }
}

/**
 * The auth step of every route: turns the session cookie into the request's actor (a borrower today; staff
 * sessions come with the back office), once per request. A cookie whose session has ended is cleared.
 */
export async function authenticate(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Actor> {
  if (request.actor) return request.actor;
  const token = readSessionToken(request, deps.config);
  const session = token ? await resolveSession(deps, token) : null;
  if (token && !session) clearSessionCookie(reply, deps.config);
  request.actor = session
    ? { kind: 'borrower', borrowerId: session.borrowerId, sessionId: session.sessionId }
    : GUEST;
  return request.actor;
}
