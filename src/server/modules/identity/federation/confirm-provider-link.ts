import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { verifyPassword } from '../../../security/secrets';
import { audit } from '../../audit/audit';
import { getBorrower } from '../borrower-repository';
import { LIMITS } from '../limit-rules';
import { verifyCode } from '../one-time-codes';
import { openSession } from '../session-store';
import { toMe } from '../views';
import { completeAttempt, insertLink } from './federation-repository';
import { translateLinkConflict } from './finish-provider-sign-in';
import { getAttemptFor } from './link-attempt';

/**
 * Links the provider identity to the matched account after proof of control — the account's password, or the SMS
 * code sent to its current phone (sendLinkCode) — and signs in with the provider as the session's method. Audited
 * (link and sign-in). Wrong passwords count toward the account's per-phone sign-in lock.
 * Throws PROVIDER_ATTEMPT_INVALID, INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS, CODE_INVALID / CODE_EXPIRED,
 * PROVIDER_ALREADY_LINKED.
 */
export async function confirmProviderLink(
  deps: Deps,
  input: {
    attemptId: string;
    browserToken: string | undefined;
    proof: { password: string } | { code: string };
    meta: RequestMeta;
  },
) {
  const { meta } = input;
  const attempt = await getAttemptFor(deps, { ...input, outcome: 'link' });
  const borrower = await getBorrower(deps.db, attempt.matchedBorrowerId!);
  let evidence: 'password' | 'sms-code';
  if ('password' in input.proof) {
    const phoneKey = deps.cipher.keyedHash(borrower.phone);
    const state = await deps.limiter.check(LIMITS.loginFailuresPhone, phoneKey);
    if (!state.allowed) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSec: state.retryAfterSec });
    if (!(await verifyPassword(borrower.passwordHash, input.proof.password))) {
      await deps.limiter.consume(LIMITS.loginFailuresPhone, phoneKey);
      await audit(deps.db, {
        meta,
        actor: { kind: 'guest' },
        action: 'auth.provider-link-failed',
        subjectId: borrower.id,
        details: { provider: attempt.provider },
      });
      throw new AppError('INVALID_CREDENTIALS', { detail: 'Неверный пароль' });
    }
    evidence = 'password';
  } else {
    await verifyCode(deps, { subjectId: attempt.id, code: input.proof.code });
    evidence = 'sms-code';
  }
  const now = deps.clock.now();
  const borrowerId = borrower.id;
  try {
    const session = await deps.db.transaction(async (tx) => {
      if (!(await completeAttempt(tx, attempt.id, now, 'linked')))
        throw new AppError('PROVIDER_ATTEMPT_INVALID');
      await insertLink(tx, {
        provider: attempt.provider,
        subject: attempt.subject!,
        borrowerId,
        evidence,
        linkedAt: now,
        lastSignInAt: now,
      });
      await audit(tx, {
        meta,
        actor: { kind: 'borrower', borrowerId },
        action: 'identity.provider-linked',
        subjectId: borrowerId,
        details: { provider: attempt.provider, evidence },
      });
      await audit(tx, {
        meta,
        actor: { kind: 'borrower', borrowerId },
        action: 'auth.signed-in',
        details: { method: attempt.provider },
      });
      return openSession(deps, { db: tx, borrowerId, meta, method: attempt.provider });
    });
    return { me: toMe(deps.cipher, borrower), session };
  } catch (error) {
    throw translateLinkConflict(error);
  }
}
