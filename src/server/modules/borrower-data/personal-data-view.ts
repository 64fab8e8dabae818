import type { AddressView, EMPLOYMENT_KINDS, PersonalData } from '../../../contracts';

type Employment = (typeof EMPLOYMENT_KINDS)[number];
import type { StoredAddress, StoredDetails } from './repository';

const toAddress = (a: StoredAddress): AddressView => ({
  text: a.text,
  postalCode: a.postalCode,
  region: a.region,
  city: a.city,
  street: a.street,
  house: a.house,
  flat: a.flat,
  privateHouse: a.privateHouse,
  validFrom: a.validFrom.toISOString(),
});

/** What the view needs besides the stored rows: the last application's employment, the opened identifiers. */
export type PersonalDataExtras = {
  lastApplication: { employment: string; monthlyIncome: bigint; createdAt: Date } | null;
  snils: string | null;
  inn: string | null;
};

/** The employment to offer: the newer of the profile's and the last application's. */
function employmentOf(details: StoredDetails | null, last: PersonalDataExtras['lastApplication']) {
  const profile =
    details?.employment && details.monthlyIncome !== null && details.employmentChangedAt
      ? {
          employment: details.employment,
          monthlyIncome: details.monthlyIncome,
          at: details.employmentChangedAt,
          source: 'profile' as const,
        }
      : null;
  const application = last ? { ...last, at: last.createdAt, source: 'last_application' as const } : null;
  const newest =
    profile && application
      ? profile.at >= application.at
        ? profile
        : application
      : (profile ?? application);
  return newest
    ? {
        employment: newest.employment as Employment,
        monthlyIncome: String(newest.monthlyIncome),
        source: newest.source,
        at: newest.at.toISOString(),
      }
    : null;
}

/** The wire view of the borrower's own data: current addresses and every version, newest first. */
export function toPersonalData(
  details: StoredDetails | null,
  addresses: StoredAddress[],
  extras: PersonalDataExtras = { lastApplication: null, snils: null, inn: null },
): PersonalData {
  const current = (kind: StoredAddress['kind']) =>
    addresses.find((a) => a.kind === kind && a.replacedAt === null) ?? null;
  const registration = current('registration');
  const actual = current('actual');
  return {
    placeOfBirth: details?.placeOfBirth ?? null,
    registrationAddress: registration ? toAddress(registration) : null,
    livesAtRegistration: details?.livesAtRegistration ?? true,
    actualAddress: actual ? toAddress(actual) : null,
    addressHistory: [...addresses].reverse().map((a) => ({
      ...toAddress(a),
      kind: a.kind,
      replacedAt: a.replacedAt?.toISOString() ?? null,
    })),
    employment: employmentOf(details, extras.lastApplication),
    snilsMasked: extras.snils ? `***-***-${extras.snils.slice(6, 9)} ${extras.snils.slice(9)}` : null,
    innMasked: extras.inn ? `********${extras.inn.slice(8)}` : null,
    email: details?.emailConfirmedAt ? details.email : null,
    emailPending: details?.emailPending ?? null,
  };
}
