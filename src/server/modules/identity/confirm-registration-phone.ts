import { eq } from 'drizzle-orm';
import { registrations } from '../../adapters/db/schema';
import type { Deps } from '../../deps';
import { findOpenRegistration } from './find-registration';
import { verifyCode } from './one-time-codes';

export async function confirmRegistrationPhone(deps: Deps, registrationId: string, code: string) {
  const registration = await findOpenRegistration(deps, registrationId);
  if (registration.phoneConfirmedAt) return { ok: true as const };
  await verifyCode(deps, { subjectId: registration.id, code });
  await deps.db
    .update(registrations)
    .set({ phoneConfirmedAt: deps.clock.now() })
    .where(eq(registrations.id, registration.id));
  return { ok: true as const };
}
