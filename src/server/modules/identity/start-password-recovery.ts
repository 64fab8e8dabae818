import type { CodeSent } from '../../../contracts';
import type { Deps, RequestMeta } from '../../deps';
import { findBorrowerIdByPhone } from './borrower-repository';
import { isKnownSourceOf, NOBODY } from './known-sources';
import { RECOVERY_TTL_SEC } from './limit-rules';
import { issueCode } from './one-time-codes';
import { insertRecovery } from './registration-repository';

/**
 * «Забыли пароль»: always answers the same way. A code is sent only when the phone has an account; otherwise
 * the recovery exists but no code can ever match it. Throws what issueCode throws (limits, SMS_UNAVAILABLE).
 */
export async function startPasswordRecovery(
  deps: Deps,
  { phone, meta }: { phone: string; meta: RequestMeta },
): Promise<CodeSent> {
  const borrowerId = (await findBorrowerIdByPhone(deps.db, phone)) ?? null;
  const now = deps.clock.now();
  const id = await insertRecovery(deps.db, {
    phone,
    borrowerId,
    ip: meta.ip,
    createdAt: now,
    expiresAt: new Date(now.getTime() + RECOVERY_TTL_SEC * 1000),
  });
  return issueRecoveryCode(deps, { recovery: { id, phone, borrowerId }, meta });
}

/**
 * Issues a recovery code; sends it only when the recovery's phone has an account (see startPasswordRecovery).
 * From a device or address the account signed in from before, it spends that source's own per-phone budget.
 */
export async function issueRecoveryCode(
  deps: Deps,
  {
    recovery,
    meta,
  }: { recovery: { id: string; phone: string; borrowerId: string | null }; meta: RequestMeta },
): Promise<CodeSent> {
  return issueCode(deps, {
    purpose: 'recovery',
    subjectId: recovery.id,
    phone: recovery.phone,
    sendTo: recovery.borrowerId ? recovery.phone : null,
    ip: meta.ip,
    knownSource: await isKnownSourceOf(deps, recovery.borrowerId ?? NOBODY, meta),
  });
}
