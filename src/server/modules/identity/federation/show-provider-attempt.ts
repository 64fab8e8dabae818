import { maskPhone } from '../../../../contracts';
import type { Deps } from '../../../deps';
import { getBorrower } from '../borrower-repository';
import { getAttemptFor } from './link-attempt';
import { openPerson, toPersonView } from './provider-person';

/**
 * The provider's data for the next page (the registration form, or the link page with the matched account's
 * masked phone). Throws PROVIDER_ATTEMPT_INVALID.
 */
export async function showProviderAttempt(
  deps: Deps,
  input: { attemptId: string; browserToken: string | undefined },
) {
  const attempt = await getAttemptFor(deps, input);
  const person = openPerson(deps.cipher, attempt.personSealed!);
  const phone =
    attempt.outcome === 'link' && attempt.matchedBorrowerId
      ? (await getBorrower(deps.db, attempt.matchedBorrowerId)).phone
      : null;
  return {
    attemptId: attempt.id,
    provider: attempt.provider,
    outcome: attempt.outcome as 'register' | 'link',
    person: toPersonView(attempt.provider, person),
    phoneMasked: phone ? maskPhone(phone) : null,
  };
}
