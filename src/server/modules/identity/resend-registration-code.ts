import type { CodeSent } from '../../../contracts';
import type { Deps, RequestMeta } from '../../deps';
import { issueCode } from './one-time-codes';
import { getOpenRegistration } from './registration-repository';

/** A new code for an open registration. Throws REGISTRATION_NOT_FOUND and issueCode's errors. */
export async function resendRegistrationCode(
  deps: Deps,
  { registrationId, meta }: { registrationId: string; meta: RequestMeta },
): Promise<CodeSent> {
  const registration = await getOpenRegistration(deps.db, registrationId, deps.clock.now());
  return issueCode(deps, {
    purpose: 'registration',
    subjectId: registration.id,
    phone: registration.phone,
    sendTo: registration.phone,
    ip: meta.ip,
  });
}
