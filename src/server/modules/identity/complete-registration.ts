import { CONSENT_KINDS, type Passport } from '../../../contracts';
import { passportKey, personKey } from '../../../domain/person';
import { findBorrowerByPassportHash } from '../support/support-cases-repository';
import { AppError } from '../../app-error';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps, RequestMeta } from '../../deps';
import { consentDocument } from '../../documents/consent-documents';
import { audit } from '../audit/audit';
import { dateInZone } from '../../../domain/calendar';
import { earnPoints } from '../engagement/earn-points';
import { insertBorrower, insertConsents, isFormerPassport } from './borrower-repository';
import { sealPassport } from './borrower-view';
import { redeemCaptcha } from './issue-captcha';
import { assertPersonDates, translateDuplicate } from './person-checks';
import { getOpenRegistration, markRegistrationCompleted } from './registration-repository';
import { openSession } from './session-store';
import { toMe } from './views';

/** The person as step 2 of a registration gives them: dates 'YYYY-MM-DD'. */
export type PersonInput = {
  surname: string;
  name: string;
  patronymic?: string | undefined;
  birthDate: string;
  sex: 'male' | 'female';
  passport: Passport;
};

/**
 * A registration that began with Gosuslugi or T-ID (federation/complete-federated-registration.ts): no captcha
 * (the provider's sign-in stands for it); `onCreated` runs in the account's transaction (the provider link); the
 * session is opened with the provider as its method.
 */
export type FederatedPart = {
  provider: 'esia' | 'tid';
  onCreated: (tx: DbOrTx, borrowerId: string) => Promise<void>;
};

/**
 * Step 2: the person, their passport and the three consents. Creates the account and signs the person in;
 * returns the new Me and the session (its cookie token). One person, one account: the unique passport and
 * full-name+birth-date hashes make a concurrent duplicate fail in the database, whatever the timing.
 * Throws REGISTRATION_NOT_FOUND, PHONE_NOT_CONFIRMED, VALIDATION_FAILED, CAPTCHA_INVALID,
 * PHONE_ALREADY_REGISTERED, PERSON_ALREADY_REGISTERED.
 */
export async function completeRegistration(
  deps: Deps,
  input: PersonInput & {
    registrationId: string;
    captchaId: string;
    captchaAnswer: string;
    meta: RequestMeta;
  },
  federation?: FederatedPart,
) {
  const { meta } = input;
  const registration = await getOpenRegistration(deps.db, input.registrationId, deps.clock.now());
  if (!registration.phoneConfirmedAt) throw new AppError('PHONE_NOT_CONFIRMED');
  assertPersonDates(deps, input.birthDate, input.passport.issueDate);
  if (!federation) await redeemCaptcha(deps, { captchaId: input.captchaId, answer: input.captchaAnswer });

  const passportHash = deps.cipher.keyedHash(passportKey(input.passport.series, input.passport.number));
  const personHash = deps.cipher.keyedHash(personKey(input));
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      if (await isFormerPassport(tx, passportHash)) throw new AppError('PERSON_ALREADY_REGISTERED');
      if ((await findBorrowerByPassportHash(tx, passportHash))?.endedAt)
        throw new AppError('RELATIONSHIP_ENDED_REGISTRATION');
      const borrower = await insertBorrower(tx, {
        phone: registration.phone,
        passwordHash: registration.passwordHash,
        surname: input.surname,
        name: input.name,
        patronymic: input.patronymic || null,
        birthDate: input.birthDate,
        sex: input.sex,
        passportEncrypted: sealPassport(deps.cipher, input.passport),
        passportHash,
        passportIssueDate: input.passport.issueDate,
        passportIssuedBy: input.passport.issuedBy,
        passportDivisionCode: input.passport.divisionCode,
        passportValidFrom: now,
        personHash,
        createdAt: now,
        passwordChangedAt: now,
      });
      const borrowerId = borrower.id;
      if (!(await markRegistrationCompleted(tx, { registrationId: registration.id, borrowerId, at: now })))
        throw new AppError('REGISTRATION_NOT_FOUND');
      await insertConsents(
        tx,
        CONSENT_KINDS.map((kind) => {
          const doc = consentDocument(kind);
          return {
            borrowerId,
            kind,
            documentVersion: doc.version,
            documentHash: doc.hash,
            acceptedAt: now,
            ip: meta.ip,
            userAgent: meta.userAgent?.slice(0, 500) ?? null,
          };
        }),
      );
      await audit(tx, {
        meta,
        actor: { kind: 'borrower', borrowerId },
        action: 'borrower.registered',
        ...(federation ? { details: { method: federation.provider } } : {}),
      });
      await federation?.onCreated(tx, borrowerId);
      // The profile is complete at registration (name, birth date, passport): its bonus points, once.
      const on = dateInZone(now, deps.config.timeZone);
      await earnPoints(deps, tx, { borrowerId, cause: 'profile_completed', causeId: borrowerId, on });
      const session = await openSession(deps, { db: tx, borrowerId, meta, method: federation?.provider });
      return { me: toMe(deps.cipher, borrower), session };
    });
  } catch (error) {
    throw translateDuplicate(error);
  }
}
