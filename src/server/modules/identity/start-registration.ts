import type { CodeSent } from '../../../contracts';
import { checkPassword } from '../../../domain/password';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { hashPassword } from '../../security/secrets';
import { findBorrowerIdByPhone } from './borrower-repository';
import { REGISTRATION_TTL_SEC } from './limit-rules';
import { issueCode, spendCodeBudget } from './one-time-codes';
import { deleteRegistration, insertRegistration } from './registration-repository';

/**
 * Step 1: phone and password. Refuses a phone that already has an account, then sends a code to confirm it.
 * A registered phone's answer takes the same work (argon2id of the password) and the same SMS budgets (per phone,
 * IP and device) as a new phone's. Throws PASSWORD_TOO_WEAK, PHONE_ALREADY_REGISTERED, TOO_MANY_ATTEMPTS and
 * issueCode's errors (the registration is then dropped).
 */
export async function startRegistration(
  deps: Deps,
  input: { phone: string; password: string; meta: RequestMeta },
): Promise<CodeSent> {
  const { phone, meta } = input;
  const verdict = await checkPassword(input.password, phone);
  if (!verdict.ok)
    throw new AppError('PASSWORD_TOO_WEAK', {
      detail: verdict.message,
      errors: [{ path: 'password', message: verdict.message }],
    });
  // Both answers do the same work and spend the same budgets, so neither their time nor their limits tell
  // whether the phone has an account (the 409 itself is the product's message, with the recovery offer).
  const passwordHash = await hashPassword(input.password);
  const budget = { purpose: 'registration', phone, ip: meta.ip, deviceId: meta.deviceId } as const;
  if ((await findBorrowerIdByPhone(deps.db, phone)) !== undefined) {
    await spendCodeBudget(deps, budget);
    throw new AppError('PHONE_ALREADY_REGISTERED');
  }

  const now = deps.clock.now();
  const id = await insertRegistration(deps.db, {
    phone,
    passwordHash,
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
      deviceId: meta.deviceId,
    });
  } catch (error) {
    await deleteRegistration(deps.db, id);
    throw error;
  }
}
