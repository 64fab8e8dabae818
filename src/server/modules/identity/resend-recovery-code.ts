import type { CodeSent } from '../../../contracts';
import type { Deps, RequestMeta } from '../../deps';
import { getOpenRecovery } from './registration-repository';
import { issueRecoveryCode } from './start-password-recovery';

/** A new code for an open recovery. Throws RECOVERY_NOT_FOUND, CODE_RESEND_TOO_EARLY and issueCode's limits. */
export async function resendRecoveryCode(
  deps: Deps,
  { recoveryId, meta }: { recoveryId: string; meta: RequestMeta },
): Promise<CodeSent> {
  const recovery = await getOpenRecovery(deps.db, recoveryId, deps.clock.now());
  return issueRecoveryCode(deps, { recovery, meta });
}
