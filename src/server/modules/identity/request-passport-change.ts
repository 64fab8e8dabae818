import type { CodeSent, NewName, Passport } from '../../../contracts';
import type { Deps, RequestMeta } from '../../deps';
import { getBorrower } from './borrower-repository';
import { issueCode } from './one-time-codes';
import { assertNewPassport, passportChangeBinding } from './person-checks';

/**
 * Step 1 of a passport change (with a new name, after a marriage: `newName`, checked against other people again):
 * checks the new passport (dates, nobody else's; see assertNewPassport) and sends an
 * SMS code to the borrower's phone, bound to the SHA-256 of exactly these data (passportChangeBinding).
 * Throws VALIDATION_FAILED, PERSON_ALREADY_REGISTERED and issueCode's errors (resend pause, limits, SMS_UNAVAILABLE).
 */
export async function requestPassportChange(
  deps: Deps,
  {
    borrowerId,
    passport,
    newName = null,
    meta,
  }: { borrowerId: string; passport: Passport; newName?: NewName | null; meta: RequestMeta },
): Promise<CodeSent> {
  const current = await getBorrower(deps.db, borrowerId);
  await assertNewPassport(deps, current, passport, newName);
  return issueCode(deps, {
    purpose: 'passport_change',
    subjectId: borrowerId,
    binding: passportChangeBinding(passport, newName),
    phone: current.phone,
    sendTo: current.phone,
    ip: meta.ip,
    message: (code) =>
      `${code} — код для смены паспорта в личном кабинете ${deps.config.site.companyName}: ` +
      `${passport.series} ${passport.number}. Никому его не сообщайте.`,
  });
}
