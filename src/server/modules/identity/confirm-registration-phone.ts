import type { Deps } from '../../deps';
import { verifyCode } from './one-time-codes';
import { getOpenRegistration, markRegistrationPhoneConfirmed } from './registration-repository';

/**
 * Confirms the registration's phone with the SMS code (idempotent once confirmed). Throws
 * REGISTRATION_NOT_FOUND and verifyCode's CODE_INVALID / CODE_EXPIRED / TOO_MANY_ATTEMPTS.
 */
export async function confirmRegistrationPhone(
  deps: Deps,
  { registrationId, code }: { registrationId: string; code: string },
) {
  const registration = await getOpenRegistration(deps.db, registrationId, deps.clock.now());
  if (registration.phoneConfirmedAt) return { ok: true as const };
  await verifyCode(deps, { subjectId: registration.id, code });
  await markRegistrationPhoneConfirmed(deps.db, registration.id, deps.clock.now());
  return { ok: true as const };
}
