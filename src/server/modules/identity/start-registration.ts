import type { CodeSent } from '../../../contracts';
import { checkPassword } from '../../../domain/password';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { hashPassword } from '../../security/secrets';
import { findBorrowerIdByPhone } from './borrower-repository';
import { REGISTRATION_TTL_SEC } from './limit-rules';
import { issueCode } from './one-time-codes';
import { deleteRegistration, insertRegistration } from './registration-repository';

/**
 * Step 1: phone and password. Refuses a phone that already has an account, then sends a code to confirm it.
 * Throws PASSWORD_TOO_WEAK, PHONE_ALREADY_REGISTERED and issueCode's errors (the registration is then dropped).
 */
export async function startRegistration(
  deps: Deps,
  input: { phone: string; password: string; meta: RequestMeta },
): Promise<CodeSent> {
  const { phone, meta } = input;
  const verdict = checkPassword(input.password, phone);
  if (!verdict.ok)
    throw new AppError('PASSWORD_TOO_WEAK', {
      detail: verdict.message,
      errors: [{ path: 'password', message: verdict.message }],
    });
  await assertPhoneFree(deps, phone);

  const now = deps.clock.now();
  const id = await insertRegistration(deps.db, {
    phone,
    passwordHash: await hashPassword(input.password),
    ip: meta.ip,
    createdAt: now,
    expiresAt: new Date(now.getTime() + REGISTRATION_TTL_SEC * 1000),
  });
  try {
    return await issueCode(deps, {
      purpose: 'registration',
      subjectId: id,
      phone,
      sendTo: phone,
      ip: meta.ip,
    });
  } catch (error) {
    await deleteRegistration(deps.db, id);
    throw error;
  }
}

/** Throws PHONE_ALREADY_REGISTERED when the phone ('+7XXXXXXXXXX') has an account. */
export async function assertPhoneFree(deps: Pick<Deps, 'db'>, phone: string): Promise<void> {
  if ((await findBorrowerIdByPhone(deps.db, phone)) !== undefined)
    throw new AppError('PHONE_ALREADY_REGISTERED');
}
