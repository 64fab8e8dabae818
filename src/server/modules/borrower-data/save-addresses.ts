import type { z } from 'zod';
import type { PersonalData, ZAddressesUpdate, ZAddressInput } from '../../../contracts';
import { formatAddress, validateAddress, type AddressParts } from '../../../domain/address';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import {
  closeCurrentAddress,
  findCurrentAddress,
  findDetails,
  insertAddress,
  upsertDetails,
  type AddressKind,
  type StoredAddress,
} from './repository';
import { showPersonalData } from './show-personal-data';

type AddressInput = z.output<typeof ZAddressInput>;

const toParts = (a: AddressInput): AddressParts => ({
  postalCode: a.postalCode,
  region: a.region,
  city: a.city,
  street: a.street,
  house: a.house,
  flat: a.privateHouse ? null : a.flat,
  privateHouse: a.privateHouse,
});

const sameAddress = (stored: StoredAddress | null, parts: AddressParts) =>
  stored !== null &&
  stored.postalCode === parts.postalCode &&
  stored.region === parts.region &&
  stored.city === parts.city &&
  stored.street === parts.street &&
  stored.house === parts.house &&
  stored.flat === parts.flat &&
  stored.privateHouse === parts.privateHouse;

/**
 * Saves the place of birth and the addresses the borrower confirmed: each address is validated
 * (`validateAddress`: a house, a flat unless private), a changed one closes the current version and becomes the
 * new one (the history keeps every version), an unchanged one is left as it is. When the borrower lives at the
 * registration address, the separate actual address is closed. Each change is written to the audit log
 * (`profile.address-changed`, `profile.place-of-birth-changed`), which the activity log shows.
 * Throws VALIDATION_FAILED with field paths (`registration.flat`, `actual.house`, …).
 */
export async function saveAddresses(
  deps: Deps,
  {
    borrowerId,
    update,
    meta,
  }: { borrowerId: string; update: z.output<typeof ZAddressesUpdate>; meta: RequestMeta },
): Promise<PersonalData> {
  const registration = toParts(update.registration);
  const actual = update.livesAtRegistration || !update.actual ? null : toParts(update.actual);
  if (!update.livesAtRegistration && !update.actual)
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'actual', message: 'Укажите адрес, где вы живёте' }],
    });
  const errors = [
    ...validateAddress(registration).map((p) => ({ path: `registration.${p.field}`, message: p.message })),
    ...(actual ? validateAddress(actual) : []).map((p) => ({
      path: `actual.${p.field}`,
      message: p.message,
    })),
  ];
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });

  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const details = await findDetails(tx, borrowerId);
    const write = async (kind: AddressKind, parts: AddressParts | null, fiasId: string | null) => {
      const current = await findCurrentAddress(tx, borrowerId, kind);
      if (parts === null) {
        if (current === null) return;
        await closeCurrentAddress(tx, borrowerId, kind, now);
      } else {
        if (sameAddress(current, parts)) return;
        await closeCurrentAddress(tx, borrowerId, kind, now);
        await insertAddress(tx, {
          borrowerId,
          kind,
          text: formatAddress(parts),
          parts,
          fiasId,
          validFrom: now,
        });
      }
      await audit(tx, {
        actor: { kind: 'borrower', borrowerId },
        action: 'profile.address-changed',
        subjectId: borrowerId,
        details: { kind, removed: parts === null },
        meta,
      });
    };
    await write('registration', registration, update.registration.fiasId);
    await write('actual', actual, update.actual?.fiasId ?? null);
    const placeChanged = details?.placeOfBirth !== update.placeOfBirth;
    if (placeChanged || details?.livesAtRegistration !== update.livesAtRegistration) {
      await upsertDetails(
        tx,
        borrowerId,
        { placeOfBirth: update.placeOfBirth, livesAtRegistration: update.livesAtRegistration },
        now,
      );
      if (placeChanged)
        await audit(tx, {
          actor: { kind: 'borrower', borrowerId },
          action: 'profile.place-of-birth-changed',
          subjectId: borrowerId,
          meta,
        });
    }
  });
  return showPersonalData(deps, { borrowerId });
}
