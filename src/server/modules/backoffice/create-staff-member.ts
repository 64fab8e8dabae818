import { randomInt } from 'node:crypto';
import type { StaffRole } from '../../actor';
import type { DbOrTx } from '../../adapters/db/database';
import { isUniqueViolation } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import type { RequestMeta } from '../../deps';
import { hashPassword } from '../../security/secrets';
import { audit, type AuditActor } from '../audit/audit';
import { insertStaff, type StaffRow } from './staff-repository';

/** Letters and digits without look-alikes (0/O, 1/l/I): a generated password is read off a screen once. */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 20 characters of a 56-letter alphabet: about 116 bits. */
export const GENERATED_PASSWORD_LENGTH = 20;

/** A strong random password (crypto.randomInt), in groups of five for reading: `abcde-fghij-klmno-pqrst`. */
export const generateStaffPassword = (): string =>
  Array.from(
    { length: GENERATED_PASSWORD_LENGTH },
    (_, i) => (i > 0 && i % 5 === 0 ? '-' : '') + PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)],
  ).join('');

/**
 * Creates a staff member with a generated password (returned once, only its argon2id hash is stored) and no TOTP:
 * they enrol at their first sign-in. Audited as `backoffice.staff-created` by `actor` (the admin, or the system for
 * the command line). Throws AppError VALIDATION_FAILED (409-free: a form error on `login`) when the login is taken.
 */
export async function createStaffMember(
  db: DbOrTx,
  input: {
    login: string;
    displayName: string;
    role: StaffRole;
    actor: AuditActor;
    meta?: RequestMeta | null;
    /** A fixed password (demo seeds); generated otherwise. */
    password?: string;
  },
): Promise<{ member: StaffRow; password: string }> {
  const password = input.password ?? generateStaffPassword();
  const passwordHash = await hashPassword(password);
  try {
    const member = await db.transaction(async (tx) => {
      const row = await insertStaff(tx, {
        login: input.login,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        createdBy: input.actor.kind === 'staff' ? input.actor.staffId : null,
      });
      await audit(tx, {
        actor: input.actor,
        action: 'backoffice.staff-created',
        subjectId: row.id,
        details: { login: row.login, role: row.role },
        meta: input.meta ?? null,
      });
      return row;
    });
    return { member, password };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('VALIDATION_FAILED', {
        detail: 'Такой логин уже есть',
        errors: [{ path: 'login', message: 'Такой логин уже есть' }],
      });
    throw error;
  }
}
