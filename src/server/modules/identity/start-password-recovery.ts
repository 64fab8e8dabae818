import { eq } from 'drizzle-orm';
import { borrowers, passwordRecoveries } from '../../adapters/db/schema';
import type { Deps, RequestMeta } from '../../deps';
import { RECOVERY_TTL_SEC } from './limit-rules';
import { issueCode } from './one-time-codes';

/**
 * «Забыли пароль»: always answers the same way. A code is sent only when the phone has an account; otherwise
 * the recovery exists but no code can ever match it.
 */
export async function startPasswordRecovery(deps: Deps, input: { phone: string }, meta: RequestMeta) {
  const [borrower] = await deps.db
    .select({ id: borrowers.id })
    .from(borrowers)
    .where(eq(borrowers.phone, input.phone));
  const now = deps.clock.now();
  const [recovery] = await deps.db
    .insert(passwordRecoveries)
    .values({
      phone: input.phone,
      borrowerId: borrower?.id ?? null,
      ip: meta.ip,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RECOVERY_TTL_SEC * 1000),
    })
    .returning({ id: passwordRecoveries.id });
  return issueRecoveryCode(
    deps,
    { id: recovery!.id, phone: input.phone, borrowerId: borrower?.id ?? null },
    meta,
  );
}

export function issueRecoveryCode(
  deps: Deps,
  recovery: { id: string; phone: string; borrowerId: string | null },
  meta: RequestMeta,
) {
  return issueCode(deps, {
    purpose: 'recovery',
    subjectId: recovery.id,
    phone: recovery.phone,
    sendTo: recovery.borrowerId ? recovery.phone : null,
    ip: meta.ip,
  });
}
