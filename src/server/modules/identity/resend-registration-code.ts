import type { Deps, RequestMeta } from '../../deps';
import { findOpenRegistration } from './find-registration';
import { issueCode } from './one-time-codes';

export async function resendRegistrationCode(deps: Deps, registrationId: string, meta: RequestMeta) {
  const registration = await findOpenRegistration(deps, registrationId);
  return issueCode(deps, {
    purpose: 'registration',
    subjectId: registration.id,
    phone: registration.phone,
    sendTo: registration.phone,
    ip: meta.ip,
  });
}
