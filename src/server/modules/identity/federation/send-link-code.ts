import type { CodeSent } from '../../../../contracts';
import { PROVIDER_NAMES } from '../../../adapters/identity/identity-provider-port';
import type { Deps, RequestMeta } from '../../../deps';
import { getBorrower } from '../borrower-repository';
import { issueCode } from '../one-time-codes';
import { getAttemptFor } from './link-attempt';

/**
 * Sends an SMS code to the CURRENT phone of the account the provider identity matched: the proof of control that
 * links the identity. The code is bound to the attempt. Throws PROVIDER_ATTEMPT_INVALID and issueCode's errors
 * (CODE_RESEND_TOO_EARLY, TOO_MANY_ATTEMPTS, SMS_UNAVAILABLE).
 */
export async function sendLinkCode(
  deps: Deps,
  input: { attemptId: string; browserToken: string | undefined; meta: RequestMeta },
): Promise<CodeSent> {
  const attempt = await getAttemptFor(deps, { ...input, outcome: 'link' });
  const borrower = await getBorrower(deps.db, attempt.matchedBorrowerId!);
  const company = deps.config.site.companyName;
  const sent = await issueCode(deps, {
    purpose: 'provider_link',
    subjectId: attempt.id,
    phone: borrower.phone,
    sendTo: borrower.phone,
    ip: input.meta.ip,
    deviceId: input.meta.deviceId,
    message: (code) =>
      `${code} — код для входа через ${PROVIDER_NAMES[attempt.provider]} в личный кабинет ${company}. Если это не вы, не сообщайте код никому и позвоните нам.`,
  });
  return sent;
}
