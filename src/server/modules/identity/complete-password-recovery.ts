import { and, eq, gt, isNull } from 'drizzle-orm';
import { checkPassword } from '../../../domain/password';
import { borrowers, passwordRecoveries, sessions } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import { hashPassword } from '../../security/secrets';
import { audit } from '../audit/audit';
import type { Deps, RequestMeta } from '../../deps';
import { verifyCode } from './one-time-codes';
import { issueRecoveryCode } from './start-password-recovery';
import { endSessions } from './session-store';

async function findOpenRecovery(deps: Deps, id: string) {
  const [row] = await deps.db
    .select()
    .from(passwordRecoveries)
    .where(
      and(
        eq(passwordRecoveries.id, id),
        isNull(passwordRecoveries.completedAt),
        gt(passwordRecoveries.expiresAt, deps.clock.now()),
      ),
    );
  if (!row) throw new AppError('RECOVERY_NOT_FOUND');
  return row;
}

export async function resendRecoveryCode(deps: Deps, recoveryId: string, meta: RequestMeta) {
  return issueRecoveryCode(deps, await findOpenRecovery(deps, recoveryId), meta);
}

/** Code + new password: sets the password and ends every session of the account. */
export async function completePasswordRecovery(
  deps: Deps,
  recoveryId: string,
  input: { code: string; newPassword: string },
  meta: RequestMeta,
) {
  const recovery = await findOpenRecovery(deps, recoveryId);
  const verdict = checkPassword(input.newPassword, recovery.phone);
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
    await tx
      .update(borrowers)
      .set({ passwordHash, passwordChangedAt: now })
      .where(eq(borrowers.id, borrowerId));
    await tx
      .update(passwordRecoveries)
      .set({ completedAt: now })
      .where(eq(passwordRecoveries.id, recovery.id));
    await endSessions(tx, now, 'password-reset', eq(sessions.borrowerId, borrowerId));
    await audit(tx, meta, { actorType: 'borrower', actorId: borrowerId, action: 'auth.password-recovered' });
  });
  return { ok: true as const };
}
