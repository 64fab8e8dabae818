import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import type { FieldCipher } from '../security/secrets';

/**
 * The device cookie: a random id and its keyed signature (`<uuid>.<HMAC>`), HttpOnly, SameSite=Lax, for a year;
 * set at every successful sign-in. A request carrying a valid one for an account that signed in from that device
 * before is spared the per-phone sign-in lock (modules/identity/sign-in.ts). It carries no personal data.
 */
const cookieName = (config: Config) => (config.secureCookies ? '__Host-did' : 'did');
const YEAR_SEC = 365 * 86_400;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const signatureOf = (cipher: FieldCipher, id: string) => cipher.keyedHash(`device-cookie:${id}`);

/** The device id of the request's cookie when its signature is valid; undefined otherwise. */
export function readDeviceId(
  request: FastifyRequest,
  cipher: FieldCipher,
  config: Config,
): string | undefined {
  const value = request.cookies[cookieName(config)];
  if (!value || value.length > 200) return undefined;
  const [id = '', signature = ''] = value.split('.');
  if (!UUID.test(id)) return undefined;
  const expected = Buffer.from(signatureOf(cipher, id));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}

/** Sets (or renews) the device cookie; a request without a valid one gets a new id. Returns the id. */
export function setDeviceCookie(
  reply: FastifyReply,
  cipher: FieldCipher,
  config: Config,
  deviceId: string = randomUUID(),
): string {
  reply.setCookie(cookieName(config), `${deviceId}.${signatureOf(cipher, deviceId)}`, {
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'lax',
    path: '/',
    maxAge: YEAR_SEC,
  });
  return deviceId;
}
