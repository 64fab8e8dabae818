import { randomUUID } from 'node:crypto';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from '../../security/secrets';
import { audit } from '../audit/audit';
import { replacePasswordHash } from './borrower-repository';
import { findBorrowerAndKnownSourceOf } from './known-sources';
import { LIMITS, loginPauseAfter } from './limit-rules';
import { newSession } from './session-store';
import { insertPasswordSession } from './sign-in-repository';
import { toMe } from './views';

/**
 * Phone + password; returns Me, the new session (its cookie token) and the device id for the device cookie (the
 * request's own, or a new one). A wrong phone and a wrong password answer alike (INVALID_CREDENTIALS, and take
 * alike long). Failures earn a growing pause per phone+IP and caps per phone and per IP (TOO_MANY_ATTEMPTS with
 * retryAfterSec): see LIMITS in limit-rules.ts. The per-phone lock spares a device or an address the account has
 * signed in from before, so strangers cannot lock the owner out; a success remembers both.
 */
export async function signIn(deps: Deps, input: { phone: string; password: string; meta: RequestMeta }) {
  const { meta } = input;
  const phoneKey = deps.cipher.keyedHash(input.phone);
  const pairKey = `${phoneKey}:${meta.ip}`;
  // The request's device, or a new one: the device cookie a successful sign-in sets (a new id is known nowhere).
  const deviceId = meta.deviceId ?? randomUUID();
  // One read: the account, whether this device or address signed in to it before, and whether both did lately.
  const {
    borrower,
    known: knownSource,
    fresh: knownSourcesFresh,
    sourceHashes,
  } = await findBorrowerAndKnownSourceOf(deps, {
    phone: input.phone,
    meta: { ...meta, deviceId },
    at: deps.clock.now(),
  });
  for (const [rule, key] of [
    [LIMITS.loginPausePhoneIp, pairKey],
    ...(knownSource ? [] : [[LIMITS.loginFailuresPhone, phoneKey] as const]),
    [LIMITS.loginFailuresIp, meta.ip],
  ] as const) {
    const state = await deps.limiter.check(rule, key);
    if (!state.allowed) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSec: state.retryAfterSec });
  }

  const passwordOk = await verifyPassword(
    borrower?.passwordHash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!borrower || !passwordOk) {
    const failures = await deps.limiter.consume(LIMITS.loginFailuresPhoneIp, pairKey);
    await deps.limiter.consume(LIMITS.loginFailuresPhone, phoneKey);
    await deps.limiter.consume(LIMITS.loginFailuresIp, meta.ip);
    const pause = loginPauseAfter(failures.consumed);
    if (pause > 0) await deps.limiter.block(LIMITS.loginPausePhoneIp, pairKey, pause);
    await audit(deps.db, {
      meta,
      actor: { kind: 'guest' },
      action: 'auth.sign-in-failed',
      subjectId: borrower?.id ?? null,
    });
    throw new AppError('INVALID_CREDENTIALS', pause > 0 ? { retryAfterSec: pause } : {});
  }

  await deps.limiter.reset(LIMITS.loginFailuresPhoneIp, pairKey);
  // The relationship was ended (issue 12): the right password is told why it cannot sign in.
  if (borrower.endedAt) throw new AppError('RELATIONSHIP_ENDED');
  const borrowerId = borrower.id;
  // A hash made with older argon2 parameters is replaced now, while the password is at hand (rare: a statement of
  // its own; should the session's write then fail, the account simply keeps the same password, hashed anew).
  if (await passwordNeedsRehash(borrower.passwordHash))
    await replacePasswordHash(deps.db, borrowerId, await hashPassword(input.password));
  // One prepared statement: the session, its audit record and the sources remembered (the device and the address),
  // unless both were seen within the day (most sign-ins): then known_sign_in_sources is not written at all.
  const { token, values } = newSession(deps, { borrowerId, meta, method: 'password' });
  const sessionId = await insertPasswordSession(deps.db, {
    session: values,
    meta,
    rememberSources: knownSourcesFresh ? null : sourceHashes,
  });
  const session = { token, sessionId };
  return { me: toMe(deps.cipher, borrower), session, deviceId };
}
