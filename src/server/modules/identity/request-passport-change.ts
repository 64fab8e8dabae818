import type { CodeSent, Passport } from '../../../contracts';
import type { Deps, RequestMeta } from '../../deps';
import { getBorrower } from './borrower-repository';
import { issueCode } from './one-time-codes';
import { assertNewPassport, passportChangeBinding } from './person-checks';

/**
 * Step 1 of a passport change: checks the new passport (dates, nobody else's; see assertNewPassport) and sends an
 * SMS code to the borrower's phone, bound to the SHA-256 of exactly these data (passportChangeBinding).
 * Throws VALIDATION_FAILED, PERSON_ALREADY_REGISTERED and issueCode's errors (resend pause, limits, SMS_UNAVAILABLE).
 */
export async function requestPassportChange(
  deps: Deps,
  { borrowerId, passport, meta }: { borrowerId: string; passport: Passport; meta: RequestMeta },
): Promise<CodeSent> {
  const current = await getBorrower(deps.db, borrowerId);
  await assertNewPassport(deps, current, passport);
  return issueCode(deps, {
    purpose: 'passport_change',
    subjectId: borrowerId,
    binding: passportChangeBinding(passport),
    phone: current.phone,
    sendTo: current.phone,
    ip: meta.ip,
    message: (code) =>
      `${code} — код для смены паспорта в личном кабинете ${deps.config.site.companyName}: ` +
      `${passport.series} ${passport.number}. Никому его не сообщайте.`,
  });
}
