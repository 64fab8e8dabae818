import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

/**
 * The two session cookies: a borrower's (`sid`) and a staff member's (`bsid`, the back office). Separate cookies,
 * so one browser can hold both and neither session ever stands in for the other. `__Host-` pins a cookie to this
 * origin over HTTPS; plain HTTP (demo on localhost) cannot use the prefix.
 */
export type SessionKind = 'borrower' | 'staff';

const BASE_NAME: Record<SessionKind, string> = { borrower: 'sid', staff: 'bsid' };

const cookieName = (config: Config, kind: SessionKind) =>
  config.secureCookies ? `__Host-${BASE_NAME[kind]}` : BASE_NAME[kind];

const lifetimeMs = (config: Config, kind: SessionKind) =>
  kind === 'staff' ? config.staffSession.absoluteMs : config.session.absoluteMs;

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  config: Config,
  kind: SessionKind = 'borrower',
) {
  reply.setCookie(cookieName(config, kind), token, {
    httpOnly: true,
    secure: config.secureCookies,
    // Staff cookies never travel on a cross-site navigation.
    sameSite: kind === 'staff' ? 'strict' : 'lax',
    path: '/',
    maxAge: Math.floor(lifetimeMs(config, kind) / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config, kind: SessionKind = 'borrower') {
  reply.clearCookie(cookieName(config, kind), {
    path: '/',
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: kind === 'staff' ? 'strict' : 'lax',
  });
}

export const readSessionToken = (
  request: FastifyRequest,
  config: Config,
  kind: SessionKind = 'borrower',
): string | undefined => request.cookies[cookieName(config, kind)];
