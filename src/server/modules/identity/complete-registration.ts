import { and, eq, isNull } from 'drizzle-orm';
import { CONSENT_KINDS, type Passport } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { checkPersonDates, passportKey, personKey } from '../../../domain/person';
import { isUniqueViolation } from '../../adapters/db/database';
import { borrowers, consents, passportHistory, registrations } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import { consentDocument } from '../../documents/consent-documents';
import { audit } from '../audit/audit';
import { sealPassport, toMe } from './borrower-view';
import type { Deps, RequestMeta } from '../../deps';
import { findOpenRegistration } from './find-registration';
import { redeemCaptcha } from './issue-captcha';
import { openSession } from './session-store';

export type PersonInput = {
  surname: string;
  name: string;
  patronymic?: string | undefined;
  birthDate: string;
  sex: 'male' | 'female';
  passport: Passport;
};

/**
 * Step 2: the person, their passport and the three consents. Creates the account and signs the person in.
 * One person, one account: the unique passport and full-name+birth-date hashes make a concurrent duplicate fail
 * in the database, whatever the timing.
 */
export async function completeRegistration(
  deps: Deps,
  registrationId: string,
  input: PersonInput & { captchaId: string; captchaAnswer: string },
  meta: RequestMeta,
) {
  const registration = await findOpenRegistration(deps, registrationId);
  if (!registration.phoneConfirmedAt) throw new AppError('PHONE_NOT_CONFIRMED');
  assertPersonDates(deps, input.birthDate, input.passport.issueDate);
  await redeemCaptcha(deps, input.captchaId, input.captchaAnswer);

  const passportHash = deps.cipher.keyedHash(passportKey(input.passport.series, input.passport.number));
  const personHash = deps.cipher.keyedHash(personKey(input));
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const [formerOwner] = await tx
        .select({ id: passportHistory.id })
        .from(passportHistory)
        .where(eq(passportHistory.passportHash, passportHash))
        .limit(1);
      if (formerOwner) throw new AppError('PERSON_ALREADY_REGISTERED');
      const [borrower] = await tx
        .insert(borrowers)
        .values({
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
        })
        .returning();
      const completed = await tx
        .update(registrations)
        .set({ completedAt: now, borrowerId: borrower!.id })
        .where(and(eq(registrations.id, registration.id), isNull(registrations.completedAt)))
        .returning({ id: registrations.id });
      if (completed.length === 0) throw new AppError('REGISTRATION_NOT_FOUND');
      await tx.insert(consents).values(
        CONSENT_KINDS.map((kind) => {
          const doc = consentDocument(kind);
          return {
            borrowerId: borrower!.id,
            kind,
            documentVersion: doc.version,
            documentHash: doc.hash,
            acceptedAt: now,
            ip: meta.ip,
            userAgent: meta.userAgent?.slice(0, 500) ?? null,
          };
        }),
      );
      await audit(tx, meta, { actorType: 'borrower', actorId: borrower!.id, action: 'borrower.registered' });
      const session = await openSession(deps, tx, borrower!.id, meta);
      return { me: toMe(deps.cipher, borrower!), session };
    });
  } catch (error) {
    throw translateDuplicate(error);
  }
}

/** A unique violation on borrowers means a duplicate phone or person; anything else passes through. */
export function translateDuplicate(error: unknown): unknown {
  if (isUniqueViolation(error, 'borrowers_phone_unique')) return new AppError('PHONE_ALREADY_REGISTERED');
  if (
    isUniqueViolation(error, 'borrowers_passport_hash_unique') ||
    isUniqueViolation(error, 'borrowers_person_hash_unique')
  )
    return new AppError('PERSON_ALREADY_REGISTERED');
  return error;
}

export function assertPersonDates(deps: Deps, birthDate: string, passportIssueDate: string): void {
  const today = dateInZone(deps.clock.now(), deps.config.timeZone);
  const errors = checkPersonDates({ birthDate, passportIssueDate, today });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });
}
