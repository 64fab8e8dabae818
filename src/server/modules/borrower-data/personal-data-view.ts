import type { AddressView, PersonalData } from '../../../contracts';
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

/** The wire view of the borrower's own data: current addresses and every version, newest first. */
export function toPersonalData(details: StoredDetails | null, addresses: StoredAddress[]): PersonalData {
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
  };
}
