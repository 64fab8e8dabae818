import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

/** `__Host-` pins the cookie to this origin over HTTPS; plain HTTP (demo on localhost) cannot use the prefix. */
const cookieName = (config: Config) => (config.secureCookies ? '__Host-sid' : 'sid');

export function setSessionCookie(reply: FastifyReply, token: string, config: Config) {
  reply.setCookie(cookieName(config), token, {
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'lax',
    path: '/',
    maxAge: Math.floor(config.session.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(cookieName(config), {
    path: '/',
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'lax',
  });
}

export const readSessionToken = (request: FastifyRequest, config: Config): string | undefined =>
  request.cookies[cookieName(config)];
