import type { CodeSent } from '../../../../contracts';
import type { Deps, RequestMeta } from '../../../deps';
import { startRegistration } from '../start-registration';
import { setRegistrationAttempt } from './federation-repository';
import { getAttemptFor } from './link-attempt';

/**
 * Step 1 of a registration after a provider found no account: phone (the provider's, unless the person gives
 * another) and password, then the SMS code — a phone is always confirmed by us. The registration remembers the
 * attempt. Throws PROVIDER_ATTEMPT_INVALID and startRegistration's errors.
 */
export async function startFederatedRegistration(
  deps: Deps,
  input: {
    attemptId: string;
    browserToken: string | undefined;
    phone: string;
    password: string;
    meta: RequestMeta;
  },
): Promise<CodeSent> {
  const attempt = await getAttemptFor(deps, { ...input, outcome: 'register' });
  const sent = await startRegistration(deps, {
    phone: input.phone,
    password: input.password,
    meta: input.meta,
  });
  await setRegistrationAttempt(deps.db, sent.id, attempt.id);
  return sent;
}
