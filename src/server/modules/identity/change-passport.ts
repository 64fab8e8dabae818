import type { Passport } from '../../../contracts';
import { passportKey } from '../../../domain/person';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import {
  getBorrower,
  insertPassportHistory,
  isFormerPassport,
  updateBorrowerPassport,
} from './borrower-repository';
import { sealPassport } from './borrower-view';
import { assertPersonDates, translateDuplicate } from './person-checks';
import { toMe } from './views';

/**
 * The borrower replaces their passport themself. The duplicate check runs again (against every current and
 * former passport of other people) and the old passport goes to the history. Returns the new Me.
 * Throws VALIDATION_FAILED (dates), PERSON_ALREADY_REGISTERED (someone else's passport).
 */
export async function changePassport(
  deps: Deps,
  { borrowerId, passport, meta }: { borrowerId: string; passport: Passport; meta: RequestMeta },
) {
  const current = await getBorrower(deps.db, borrowerId);
  assertPersonDates(deps, current.birthDate, passport.issueDate);
  const passportHash = deps.cipher.keyedHash(passportKey(passport.series, passport.number));
  const now = deps.clock.now();
  try {
    const updated = await deps.db.transaction(async (tx) => {
      if (await isFormerPassport(tx, passportHash, borrowerId))
        throw new AppError('PERSON_ALREADY_REGISTERED');
      if (current.passportHash !== passportHash || current.passportIssueDate !== passport.issueDate) {
        await insertPassportHistory(tx, {
          borrowerId,
          passportEncrypted: current.passportEncrypted,
          passportHash: current.passportHash,
          issueDate: current.passportIssueDate,
          issuedBy: current.passportIssuedBy,
          divisionCode: current.passportDivisionCode,
          validFrom: current.passportValidFrom,
          replacedAt: now,
        });
      }
      const row = await updateBorrowerPassport(tx, borrowerId, {
        passportEncrypted: sealPassport(deps.cipher, passport),
        passportHash,
        passportIssueDate: passport.issueDate,
        passportIssuedBy: passport.issuedBy,
        passportDivisionCode: passport.divisionCode,
        passportValidFrom: now,
      });
      await audit(tx, {
        meta,
        actor: { kind: 'borrower', borrowerId },
        action: 'borrower.passport-changed',
      });
      return row;
    });
    return toMe(deps.cipher, updated);
  } catch (error) {
    throw translateDuplicate(error);
  }
}
