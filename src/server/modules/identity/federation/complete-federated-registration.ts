import type { Passport } from '../../../../contracts';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { completeRegistration, type PersonInput } from '../complete-registration';
import { getOpenRegistration } from '../registration-repository';
import { completeAttempt, insertLink } from './federation-repository';
import { translateLinkConflict } from './finish-provider-sign-in';
import { getAttemptFor } from './link-attempt';
import { openPerson, providerVouches } from './provider-person';

/**
 * The last step of a registration that began with Gosuslugi or T-ID: the person and the three consents (still
 * separate), no captcha. Where the provider vouches (a confirmed Gosuslugi account with a verified passport) its
 * data are used as given — what the form sent for those fields is ignored, they cannot be edited; T-ID's data only
 * filled the form. The provider identity is linked in the account's transaction (audited); the session's method
 * is the provider. Throws REGISTRATION_NOT_FOUND, PROVIDER_ATTEMPT_INVALID, PROVIDER_ALREADY_LINKED and
 * completeRegistration's errors (PHONE_NOT_CONFIRMED, PERSON_ALREADY_REGISTERED, …).
 */
export async function completeFederatedRegistration(
  deps: Deps,
  input: PersonInput & {
    registrationId: string;
    browserToken: string | undefined;
    consents: Record<string, true>;
    meta: RequestMeta;
  },
) {
  const registration = await getOpenRegistration(deps.db, input.registrationId, deps.clock.now());
  if (!registration.federationAttemptId) throw new AppError('REGISTRATION_NOT_FOUND');
  const attempt = await getAttemptFor(deps, {
    attemptId: registration.federationAttemptId,
    browserToken: input.browserToken,
    outcome: 'register',
  });
  const person = openPerson(deps.cipher, attempt.personSealed!);
  const vouched = providerVouches(attempt.provider, person) && person.passport;
  const personInput: PersonInput = vouched
    ? {
        surname: person.lastName ?? input.surname,
        name: person.firstName ?? input.name,
        patronymic: person.middleName ?? undefined,
        birthDate: person.birthDate ?? input.birthDate,
        sex: person.sex ?? input.sex,
        passport: {
          series: vouched.series,
          number: vouched.number,
          issueDate: vouched.issuedOn,
          issuedBy: vouched.issuer,
          divisionCode: vouched.divisionCode,
        } satisfies Passport,
      }
    : {
        surname: input.surname,
        name: input.name,
        patronymic: input.patronymic,
        birthDate: input.birthDate,
        sex: input.sex,
        passport: input.passport,
      };
  try {
    return await completeRegistration(
      deps,
      {
        ...personInput,
        registrationId: input.registrationId,
        captchaId: '',
        captchaAnswer: '',
        meta: input.meta,
      },
      {
        provider: attempt.provider,
        onCreated: async (tx, borrowerId) => {
          const now = deps.clock.now();
          if (!(await completeAttempt(tx, attempt.id, now, 'register')))
            throw new AppError('PROVIDER_ATTEMPT_INVALID');
          await insertLink(tx, {
            provider: attempt.provider,
            subject: attempt.subject!,
            borrowerId,
            evidence: 'registration',
            linkedAt: now,
            lastSignInAt: now,
          });
          await audit(tx, {
            meta: input.meta,
            actor: { kind: 'borrower', borrowerId },
            action: 'identity.provider-linked',
            subjectId: borrowerId,
            details: { provider: attempt.provider, evidence: 'registration' },
          });
        },
      },
    );
  } catch (error) {
    throw translateLinkConflict(error);
  }
}
