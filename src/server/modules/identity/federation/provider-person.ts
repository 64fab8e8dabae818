import type { ProviderPersonView } from '../../../../contracts';
import { normalizeName, passportKey, personKey } from '../../../../domain/person';
import {
  IdentityProviderError,
  PROVIDER_NAMES,
  type IdentityProviderId,
  type IdentityProviderPort,
  type ProviderPerson,
} from '../../../adapters/identity/identity-provider-port';
import { AppError } from '../../../app-error';
import type { Deps } from '../../../deps';
import type { FieldCipher } from '../../../security/secrets';

/** The configured adapter of `provider`. Throws PROVIDER_NOT_CONFIGURED when it is off. */
export function providerOf(deps: Deps, provider: IdentityProviderId): IdentityProviderPort {
  const adapter = deps.identityProviders[provider];
  if (!adapter) throw new AppError('PROVIDER_NOT_CONFIGURED');
  return adapter;
}

/** The person sealed for storage (it holds the passport): AES-256-GCM of its JSON. */
export const sealPerson = (cipher: FieldCipher, person: ProviderPerson) =>
  cipher.encrypt(JSON.stringify(person));
export const openPerson = (cipher: FieldCipher, sealed: string) =>
  JSON.parse(cipher.decrypt(sealed)) as ProviderPerson;

/** Gosuslugi vouches for a confirmed account's data: the registration form shows them locked. */
export const providerVouches = (provider: IdentityProviderId, person: ProviderPerson) =>
  provider === 'esia' && person.trusted && person.passport?.verified === true;

/**
 * The gate (integrations-research A.3 rule 2): ESIA is accepted only for a confirmed account (`is_tru` and
 * `trusted`) with a verified passport. Throws ESIA_ACCOUNT_NOT_TRUSTED, ESIA_PASSPORT_NOT_VERIFIED. T-ID passes
 * (its data are checked like typed ones; what is missing is asked for).
 */
export function assertAcceptable(provider: IdentityProviderId, person: ProviderPerson): void {
  if (provider !== 'esia') return;
  if (!person.trusted) throw new AppError('ESIA_ACCOUNT_NOT_TRUSTED');
  if (!person.passport?.verified) throw new AppError('ESIA_PASSPORT_NOT_VERIFIED');
}

/** An adapter failure → our error code with a Russian message naming the provider. */
export function translateProviderError(error: unknown, provider: IdentityProviderId): unknown {
  if (!(error instanceof IdentityProviderError)) return error;
  const name = PROVIDER_NAMES[provider];
  switch (error.reason) {
    case 'declined':
      return new AppError('PROVIDER_DECLINED');
    case 'rejected':
    case 'invalid-response':
      return new AppError('PROVIDER_REJECTED', {
        detail: `${name} отклонили запрос на вход. Начните вход заново или войдите по номеру телефона`,
      });
    case 'rate-limited':
      return new AppError('PROVIDER_BUSY', {
        detail: `${name} сейчас перегружены. Попробуйте через минуту или войдите по номеру телефона`,
        ...(error.retryAfterSec ? { retryAfterSec: error.retryAfterSec } : {}),
      });
    case 'unavailable':
      return new AppError('PROVIDER_UNAVAILABLE', {
        detail: `${name} сейчас не отвечают. Попробуйте через несколько минут или войдите по номеру телефона`,
      });
  }
}

/** The keyed hashes of what the provider gave, for the duplicate search (undefined where not shared). */
export function personHashes(cipher: FieldCipher, person: ProviderPerson) {
  const passportHash = person.passport
    ? cipher.keyedHash(passportKey(person.passport.series, person.passport.number))
    : undefined;
  const personHash =
    person.lastName && person.firstName && person.birthDate
      ? cipher.keyedHash(
          personKey({
            surname: person.lastName,
            name: person.firstName,
            patronymic: person.middleName,
            birthDate: person.birthDate,
          }),
        )
      : undefined;
  return { passportHash, personHash };
}

/** The person as the registration form shows it. */
export function toPersonView(provider: IdentityProviderId, person: ProviderPerson): ProviderPersonView {
  return {
    surname: person.lastName,
    name: person.firstName,
    patronymic: person.middleName,
    birthDate: person.birthDate,
    sex: person.sex,
    phone: person.phone ?? null,
    passport: person.passport
      ? {
          series: person.passport.series,
          number: person.passport.number,
          issueDate: person.passport.issuedOn,
          issuedBy: person.passport.issuer,
          divisionCode: person.passport.divisionCode,
        }
      : null,
    locked: providerVouches(provider, person),
    missing: person.missing,
  };
}

/** Whether the typed field equals the provider's (names compared as the duplicate search compares them). */
export const sameName = (a: string | null | undefined, b: string | null | undefined) =>
  normalizeName(a) === normalizeName(b);
