import { dateInZone } from '../../../domain/calendar';
import { checkPersonDates } from '../../../domain/person';
import { isUniqueViolation } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';

/**
 * A unique violation on borrowers means a duplicate phone (PHONE_ALREADY_REGISTERED) or person
 * (PERSON_ALREADY_REGISTERED); anything else passes through unchanged.
 */
export function translateDuplicate(error: unknown): unknown {
  if (isUniqueViolation(error, 'borrowers_phone_unique')) return new AppError('PHONE_ALREADY_REGISTERED');
  if (
    isUniqueViolation(error, 'borrowers_passport_hash_unique') ||
    isUniqueViolation(error, 'borrowers_person_hash_unique')
  )
    return new AppError('PERSON_ALREADY_REGISTERED');
  return error;
}

/**
 * Checks birth and passport issue dates ('YYYY-MM-DD') against today in the lender's time zone (rules in
 * domain/person). Throws VALIDATION_FAILED with field errors.
 */
export function assertPersonDates(deps: Deps, birthDate: string, passportIssueDate: string): void {
  const today = dateInZone(deps.clock.now(), deps.config.timeZone);
  const errors = checkPersonDates({ birthDate, passportIssueDate, today });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });
}
