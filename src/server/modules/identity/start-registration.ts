import { eq } from 'drizzle-orm';
import { checkPassword } from '../../../domain/password';
import { borrowers, registrations } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import { hashPassword } from '../../security/secrets';
import type { Deps, RequestMeta } from '../../deps';
import { REGISTRATION_TTL_SEC } from './limit-rules';
import { issueCode } from './one-time-codes';

/** Step 1: phone and password. Refuses a phone that already has an account, then sends a code to confirm it. */
export async function startRegistration(
  deps: Deps,
  input: { phone: string; password: string },
  meta: RequestMeta,
) {
  const verdict = checkPassword(input.password, input.phone);
  if (!verdict.ok)
    throw new AppError('PASSWORD_TOO_WEAK', {
      detail: verdict.message,
      errors: [{ path: 'password', message: verdict.message }],
    });
  await assertPhoneFree(deps, input.phone);

  const now = deps.clock.now();
  const [registration] = await deps.db
    .insert(registrations)
    .values({
      phone: input.phone,
      passwordHash: await hashPassword(input.password),
      ip: meta.ip,
      createdAt: now,
      expiresAt: new Date(now.getTime() + REGISTRATION_TTL_SEC * 1000),
    })
    .returning({ id: registrations.id });
  const id = registration!.id;
  try {
    return await issueCode(deps, {
      purpose: 'registration',
      subjectId: id,
      phone: input.phone,
      sendTo: input.phone,
      ip: meta.ip,
    });
  } catch (error) {
    await deps.db.delete(registrations).where(eq(registrations.id, id));
    throw error;
  }
}

export async function assertPhoneFree(deps: Pick<Deps, 'db'>, phone: string): Promise<void> {
  const [taken] = await deps.db
    .select({ id: borrowers.id })
    .from(borrowers)
    .where(eq(borrowers.phone, phone));
  if (taken) throw new AppError('PHONE_ALREADY_REGISTERED');
}
