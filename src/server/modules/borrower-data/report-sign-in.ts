import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { endSessions } from '../identity/session-repository';
import { findOwnSignIn } from './activity-repository';

/**
 * «Это был не я» on a sign-in of the activity log: ends every session of the account, this one too, and records
 * it; the web app then leads to the password change by SMS («Забыли пароль»), which a stranger without the phone
 * cannot pass. Throws NOT_FOUND when the event is not a sign-in to this borrower's account.
 */
export async function reportSignIn(
  deps: Deps,
  { borrowerId, eventId, meta }: { borrowerId: string; eventId: string; meta: RequestMeta },
): Promise<{ ended: number }> {
  const event = await findOwnSignIn(deps.db, borrowerId, eventId);
  if (!event) throw new AppError('NOT_FOUND');
  return deps.db.transaction(async (tx) => {
    const ended = await endSessions(tx, {
      scope: { borrowerId },
      reason: 'ended-by-borrower',
      at: deps.clock.now(),
    });
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId },
      action: 'auth.not-me-reported',
      subjectId: eventId,
      details: { ended },
      meta,
    });
    return { ended };
  });
}
