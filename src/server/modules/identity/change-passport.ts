import type { NewName, Passport } from '../../../contracts';
import { maskPassport } from '../../../domain/person';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { postMessage } from '../messaging/post-message';
import {
  getBorrower,
  insertPassportHistory,
  isFormerPassport,
  updateBorrowerName,
  updateBorrowerPassport,
} from './borrower-repository';
import { sealPassport } from './borrower-view';
import { verifyCode } from './one-time-codes';
import {
  assertNewPassport,
  isNameChange,
  passportChangeBinding,
  personHashOf,
  translateDuplicate,
} from './person-checks';
import { toMe } from './views';

const ruDate = (date: string) => date.split('-').reverse().join('.');

/**
 * Step 2 of a passport change: the SMS code of step 1 confirms exactly these data (it is bound to their hash).
 * The checks run again (dates, against every current and former passport of other people), the old passport goes
 * to the history, and the borrower gets an in-account message with its SMS copy (a change they did not make is
 * noticed at once). Returns the new Me.
 * Throws VALIDATION_FAILED (dates), PERSON_ALREADY_REGISTERED (someone else's passport), CODE_INVALID (wrong code,
 * or a code sent for other data), CODE_EXPIRED, TOO_MANY_ATTEMPTS.
 */
export async function changePassport(
  deps: Deps,
  {
    borrowerId,
    passport,
    code,
    newName = null,
    meta,
  }: { borrowerId: string; passport: Passport; code: string; newName?: NewName | null; meta: RequestMeta },
) {
  const current = await getBorrower(deps.db, borrowerId);
  const passportHash = await assertNewPassport(deps, current, passport, newName);
  const renamed = newName !== null && isNameChange(current, newName) ? newName : null;
  const { codeId } = await verifyCode(deps, {
    subjectId: borrowerId,
    code,
    binding: passportChangeBinding(passport, newName),
  });
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
          fullName: [current.surname, current.name, current.patronymic].filter(Boolean).join(' '),
          validFrom: current.passportValidFrom,
          replacedAt: now,
        });
      }
      if (renamed)
        await updateBorrowerName(tx, borrowerId, {
          surname: renamed.surname,
          name: renamed.name,
          patronymic: renamed.patronymic || null,
          personHash: personHashOf(deps, current, renamed),
        });
      const row = await updateBorrowerPassport(tx, borrowerId, {
        passportEncrypted: sealPassport(deps.cipher, passport),
        passportHash,
        passportIssueDate: passport.issueDate,
        passportIssuedBy: passport.issuedBy,
        passportDivisionCode: passport.divisionCode,
        passportValidFrom: now,
      });
      await postMessage(tx, {
        borrowerId,
        loanId: null,
        kind: 'passport_changed',
        text:
          `Паспортные данные в личном кабинете изменены: паспорт ${maskPassport(passport.series, passport.number)}, ` +
          `выдан ${ruDate(passport.issueDate)}. Если это были не вы, позвоните нам: ${deps.config.site.supportPhone}.`,
        dedupeKey: `passport_changed:${codeId}`,
        now,
      });
      await audit(tx, {
        meta,
        actor: { kind: 'borrower', borrowerId },
        action: 'borrower.passport-changed',
        details: { codeId, nameChanged: renamed !== null },
      });
      return row;
    });
    return toMe(deps.cipher, updated);
  } catch (error) {
    throw translateDuplicate(error);
  }
}
