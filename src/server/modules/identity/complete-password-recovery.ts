import { checkPassword } from '../../../domain/password';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { hashPassword } from '../../security/secrets';
import { audit } from '../audit/audit';
import { verifyCode } from './one-time-codes';
import { lockBorrower } from './borrower-repository';
import { getOpenRecovery, markRecoveryCompleted } from './registration-repository';
import { replacePassword } from './replace-password';

/**
 * Code + new password: sets the password and ends every session and every other open recovery of the account. Throws RECOVERY_NOT_FOUND,
 * PASSWORD_TOO_WEAK, and verifyCode's CODE_INVALID / CODE_EXPIRED / TOO_MANY_ATTEMPTS.
 */
export async function completePasswordRecovery(
  deps: Deps,
  input: { recoveryId: string; code: string; newPassword: string; meta: RequestMeta },
) {
  const recovery = await getOpenRecovery(deps.db, input.recoveryId, deps.clock.now());
  const verdict = await checkPassword(input.newPassword, recovery.phone);
  if (!verdict.ok)
    throw new AppError('PASSWORD_TOO_WEAK', {
      detail: verdict.message,
      errors: [{ path: 'newPassword', message: verdict.message }],
    });
  await verifyCode(deps, { subjectId: recovery.id, code: input.code });
  const borrowerId = recovery.borrowerId;
  // A code can only have been sent, and so verified, when the phone had an account.
  if (!borrowerId) throw new AppError('CODE_INVALID');
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // One completion per account at a time; another flow may have finished meanwhile: then this one is over.
    await lockBorrower(tx, borrowerId);
    if (!(await markRecoveryCompleted(tx, recovery.id, now))) throw new AppError('RECOVERY_NOT_FOUND');
    await replacePassword(tx, { borrowerId, passwordHash, at: now, reason: 'password-reset' });
    await audit(tx, {
      meta: input.meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'auth.password-recovered',
    });
  });
  return { ok: true as const };
}
