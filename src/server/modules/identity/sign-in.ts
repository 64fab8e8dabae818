import { eq } from 'drizzle-orm';
import { borrowers } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import { dummyPasswordHash, verifyPassword } from '../../security/secrets';
import { audit } from '../audit/audit';
import { toMe } from './borrower-view';
import type { Deps, RequestMeta } from '../../deps';
import { LIMITS, loginPauseAfter } from './limit-rules';
import { openSession } from './session-store';

/**
 * Phone + password. A wrong phone and a wrong password answer alike (and take alike long). Failures earn a
 * growing pause per phone+IP and caps per phone and per IP: see LIMITS in limit-rules.ts.
 */
export async function signIn(deps: Deps, input: { phone: string; password: string }, meta: RequestMeta) {
  const phoneKey = deps.cipher.keyedHash(input.phone);
  const pairKey = `${phoneKey}:${meta.ip}`;
  for (const [rule, key] of [
    [LIMITS.loginPausePhoneIp, pairKey],
    [LIMITS.loginFailuresPhone, phoneKey],
    [LIMITS.loginFailuresIp, meta.ip],
  ] as const) {
    const state = await deps.limiter.check(rule, key);
    if (!state.allowed) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSec: state.retryAfterSec });
  }

  const [borrower] = await deps.db.select().from(borrowers).where(eq(borrowers.phone, input.phone));
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
    await audit(deps.db, meta, {
      actorType: 'anonymous',
      action: 'auth.sign-in-failed',
      subjectId: borrower?.id ?? null,
    });
    throw new AppError('INVALID_CREDENTIALS', pause > 0 ? { retryAfterSec: pause } : {});
  }

  await deps.limiter.reset(LIMITS.loginFailuresPhoneIp, pairKey);
  const session = await deps.db.transaction(async (tx) => {
    await audit(tx, meta, { actorType: 'borrower', actorId: borrower.id, action: 'auth.signed-in' });
    return openSession(deps, tx, borrower.id, meta);
  });
  return { me: toMe(deps.cipher, borrower), session };
}
