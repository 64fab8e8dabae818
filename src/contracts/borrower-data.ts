import { z } from 'zod';
import type { Endpoint } from './api';
import { ZText } from './common';

// ── Addresses ──────────────────────────────────────────────────────────────
const optionalText = (max: number, what: string) =>
  ZText(max, what)
    .nullish()
    .transform((s) => (s ? s : null));

/**
 * An address as the borrower confirms it (from a suggestion or typed): parts, «частный дом», and the address
 * service's id when a suggestion was chosen. Presence rules (a house; a flat unless private) are checked by the
 * server with `validateAddress` (src/domain/address.ts) and answered as VALIDATION_FAILED with field paths.
 */
export const ZAddressInput = z.object({
  postalCode: optionalText(6, 'Индекс'),
  region: ZText(120, 'Регион'),
  city: ZText(120, 'Город'),
  street: optionalText(120, 'Улица'),
  house: ZText(40, 'Дом'),
  flat: optionalText(20, 'Квартира'),
  privateHouse: z.boolean().default(false),
  fiasId: optionalText(64, 'Код адреса'),
});
export type AddressInput = z.input<typeof ZAddressInput>;

export const ZAddress = z.object({
  text: z.string(),
  postalCode: z.string().nullable(),
  region: z.string(),
  city: z.string(),
  street: z.string().nullable(),
  house: z.string(),
  flat: z.string().nullable(),
  privateHouse: z.boolean(),
  validFrom: z.iso.datetime(),
});
export type AddressView = z.infer<typeof ZAddress>;

export const ZAddressSuggestionRequest = z.object({ query: ZText(200, 'Адрес').min(1, 'Введите адрес') });
export const ZAddressSuggestion = z.object({
  value: z.string(),
  parts: z.object({
    postalCode: z.string().nullable(),
    region: z.string(),
    city: z.string(),
    street: z.string().nullable(),
    house: z.string(),
    flat: z.string().nullable(),
  }),
  privateHouse: z.boolean().nullable(),
  fiasId: z.string().nullable(),
});
export type AddressSuggestionView = z.infer<typeof ZAddressSuggestion>;
export const ZAddressSuggestions = z.object({
  suggestions: z.array(ZAddressSuggestion),
  /** False when the address service did not answer: the borrower types the parts by hand. */
  available: z.boolean(),
});

export const ZAddressesUpdate = z.object({
  placeOfBirth: ZText(200, 'Место рождения').min(2, 'Укажите место рождения, как в паспорте'),
  registration: ZAddressInput,
  livesAtRegistration: z.boolean(),
  actual: ZAddressInput.nullish(),
});
export type AddressesUpdate = z.input<typeof ZAddressesUpdate>;

export const ZAddressHistoryItem = ZAddress.extend({
  kind: z.enum(['registration', 'actual']),
  replacedAt: z.iso.datetime().nullable(),
});

/** The borrower's own data beyond the registration form. */
export const ZPersonalData = z.object({
  placeOfBirth: z.string().nullable(),
  registrationAddress: ZAddress.nullable(),
  livesAtRegistration: z.boolean(),
  actualAddress: ZAddress.nullable(),
  addressHistory: z.array(ZAddressHistoryItem),
});
export type PersonalData = z.infer<typeof ZPersonalData>;

/** The endpoints of the borrower's own data, documents and activity log (registered like `api`). */
export const dataApi = {
  addressSuggestions: {
    method: 'POST',
    path: '/api/me/address-suggestions',
    body: ZAddressSuggestionRequest,
    response: ZAddressSuggestions,
    summary: 'Подсказки адреса',
  },
  personalData: {
    method: 'GET',
    path: '/api/me/personal-data',
    response: ZPersonalData,
    summary: 'Мои данные: место рождения, адреса',
  },
  saveAddresses: {
    method: 'PUT',
    path: '/api/me/personal-data/addresses',
    body: ZAddressesUpdate,
    response: ZPersonalData,
    summary: 'Изменить место рождения и адреса',
  },
} as const satisfies Record<string, Endpoint>;
