import { createHash } from 'node:crypto';
import type { NewName, Passport } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { checkPassportChange, checkPersonDates, passportKey, personKey } from '../../../domain/person';
import { isUniqueViolation } from '../../adapters/db/database';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import {
  isCurrentPassportOfAnother,
  isFormerPassport,
  isPersonOfAnother,
  type BorrowerRow,
} from './borrower-repository';

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

/**
 * Checks a new passport for `current` (the borrower's row) before a change: the dates (domain checkPassportChange:
 * not older than the current passport, valid for the borrower's age) and that it is nobody else's, current or
 * former. Returns the new passport's keyed hash. Throws VALIDATION_FAILED at `passport.issueDate`,
 * PERSON_ALREADY_REGISTERED.
 */
export async function assertNewPassport(
  deps: Deps,
  current: BorrowerRow,
  passport: Passport,
  newName: NewName | null = null,
): Promise<string> {
  const errors = checkPassportChange({
    birthDate: current.birthDate,
    currentIssueDate: current.passportIssueDate,
    newIssueDate: passport.issueDate,
    today: dateInZone(deps.clock.now(), deps.config.timeZone),
  });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });
  const passportHash = deps.cipher.keyedHash(passportKey(passport.series, passport.number));
  if (
    (await isCurrentPassportOfAnother(deps.db, passportHash, current.id)) ||
    (await isFormerPassport(deps.db, passportHash, current.id))
  )
    throw new AppError('PERSON_ALREADY_REGISTERED');
  if (newName && isNameChange(current, newName)) {
    // A name changes only with the passport it is written in, and the new name must not make a known person.
    if (passportHash === current.passportHash)
      throw new AppError('VALIDATION_FAILED', {
        errors: [{ path: 'passport.number', message: 'Новые ФИО указываются вместе с новым паспортом' }],
      });
    if (await isPersonOfAnother(deps.db, personHashOf(deps, current, newName), current.id))
      throw new AppError('PERSON_ALREADY_REGISTERED');
  }
  return passportHash;
}

/** Whether `newName` differs from the borrower's current name (patronymic absent = empty). */
export const isNameChange = (current: BorrowerRow, n: NewName) =>
  current.surname !== n.surname ||
  current.name !== n.name ||
  (current.patronymic ?? '') !== (n.patronymic ?? '');

/** The keyed hash of the person (full name + birth date) under a new name: the duplicate search's key. */
export const personHashOf = (deps: Deps, current: BorrowerRow, n: NewName) =>
  deps.cipher.keyedHash(personKey({ ...n, birthDate: current.birthDate }));

/**
 * The SHA-256 (hex) of the new passport data, every field in a fixed order: the SMS code of a change is bound to
 * it, as a signature code is bound to its document, so the code confirms these data and nothing else.
 */
export function passportChangeBinding(passport: Passport, newName: NewName | null = null): string {
  const fields = [
    passport.series,
    passport.number,
    passport.issueDate,
    passport.issuedBy,
    passport.divisionCode,
    // A new name is bound too (absent: the same hash as before names could change).
    ...(newName ? [newName.surname, newName.name, newName.patronymic ?? ''] : []),
  ];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}
