import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';
import { ZOtpCode, ZText } from './common';
import { ZKopecks } from './kopecks';
import { EMPLOYMENT_KINDS } from './loans';

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

/** Employment and income as last given (in the profile, or with the last application), offered when applying. */
export const ZEmploymentView = z.object({
  employment: z.enum(EMPLOYMENT_KINDS),
  monthlyIncome: ZKopecks,
  source: z.enum(['profile', 'last_application']),
  at: z.iso.datetime(),
});
export const ZEmploymentUpdate = z.object({
  employment: z.enum(EMPLOYMENT_KINDS, { error: 'Укажите занятость' }),
  monthlyIncome: ZKopecks,
});
export type EmploymentUpdate = z.input<typeof ZEmploymentUpdate>;

/** СНИЛС and ИНН (each optional; an empty string removes it). Checksums are verified by the server. */
export const ZIdentifiersUpdate = z.object({
  snils: z
    .string()
    .trim()
    .max(20)
    .regex(/^[\d\s-]*$/, 'СНИЛС — 11 цифр'),
  inn: z
    .string()
    .trim()
    .max(20)
    .regex(/^[\d\s]*$/, 'ИНН — 12 цифр'),
});
export type IdentifiersUpdate = z.input<typeof ZIdentifiersUpdate>;

export const ZEmailRequest = z.object({
  email: z.email('Проверьте адрес электронной почты').max(120, 'Адрес не длиннее 120 символов'),
});
export const ZEmailConfirm = z.object({ code: ZOtpCode });
export const ZEmailCodeSent = z.object({ sentTo: z.string(), expiresInSec: z.number().int() });

/** The borrower's own data beyond the registration form. */
export const ZPersonalData = z.object({
  placeOfBirth: z.string().nullable(),
  registrationAddress: ZAddress.nullable(),
  livesAtRegistration: z.boolean(),
  actualAddress: ZAddress.nullable(),
  addressHistory: z.array(ZAddressHistoryItem),
  employment: ZEmploymentView.nullable(),
  /** Masked: «***-***-445 95», «********2259»; null when not given. */
  snilsMasked: z.string().nullable(),
  innMasked: z.string().nullable(),
  /** The confirmed e-mail, and one waiting for its code. */
  email: z.string().nullable(),
  emailPending: z.string().nullable(),
});
export type PersonalData = z.infer<typeof ZPersonalData>;

// ── «Мои документы» ────────────────────────────────────────────────────────
export const DOCUMENT_KINDS = [
  'consent',
  'contract',
  'addendum',
  'receipt',
  'certificate',
  'letter',
] as const;
export const ZDocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof ZDocumentKind>;

/**
 * One document of the borrower. `status`: accepted (a consent), signed, not_signed (a contract or addendum drawn
 * up but never signed), issued (a receipt, a certificate), sent (a letter from a specialist). Signed documents carry the signature's time, the SMS
 * code's id and the SHA-256 of the signed bytes; `pdfUrl` downloads it (a signed document as its copy with the
 * signature sheet).
 */
export const ZDocumentItem = z.object({
  key: z.string(),
  kind: ZDocumentKind,
  title: z.string(),
  at: z.iso.datetime(),
  status: z.enum(['accepted', 'signed', 'not_signed', 'issued', 'sent']),
  loanId: z.string().nullable(),
  contractNumber: z.string().nullable(),
  version: z.string().nullable(),
  signedAt: z.iso.datetime().nullable(),
  signatureCodeId: z.string().nullable(),
  sha256: z.string().nullable(),
  pdfUrl: z.string(),
});
export type DocumentItem = z.infer<typeof ZDocumentItem>;
export const ZDocuments = z.object({
  documents: z.array(ZDocumentItem),
  loans: z.array(z.object({ id: z.string(), contractNumber: z.string() })),
});
export type Documents = z.infer<typeof ZDocuments>;

// ── Activity log ───────────────────────────────────────────────────────────
export const ACTIVITY_CATEGORIES = ['sign-ins', 'data', 'loans', 'payments', 'messages'] as const;
export const ZActivityCategory = z.enum(ACTIVITY_CATEGORIES);
export type ActivityCategory = z.infer<typeof ZActivityCategory>;

export const ZActivityQuery = z.object({
  page: z.number().int().min(1).max(1000).default(1),
  category: ZActivityCategory.nullish(),
});
export type ActivityQuery = z.input<typeof ZActivityQuery>;

/**
 * One event of the borrower's account. `kind` is a stable name (`auth.signed-in`, `loan.contract-signed`,
 * `message`…); `title` and `detail` are Russian text to show. Sign-ins carry the device, IP and method; a successful
 * sign-in can be reported as «это был не я» (`canReport`).
 */
export const ZActivityItem = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  category: ZActivityCategory,
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  device: z.string().nullable(),
  ip: z.string().nullable(),
  method: z.string().nullable(),
  canReport: z.boolean(),
});
export type ActivityItem = z.infer<typeof ZActivityItem>;
export const ZActivityPage = z.object({
  items: z.array(ZActivityItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
});
export const ZReportSignIn = z.object({ eventId: z.uuid('Неверный идентификатор') });

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
  saveEmployment: {
    method: 'PUT',
    path: '/api/me/personal-data/employment',
    body: ZEmploymentUpdate,
    response: ZPersonalData,
    summary: 'Изменить занятость и доход',
  },
  saveIdentifiers: {
    method: 'PUT',
    path: '/api/me/personal-data/identifiers',
    body: ZIdentifiersUpdate,
    response: ZPersonalData,
    summary: 'Указать СНИЛС и ИНН',
  },
  requestEmailCode: {
    method: 'POST',
    path: '/api/me/personal-data/email',
    body: ZEmailRequest,
    response: ZEmailCodeSent,
    summary: 'Указать e-mail: отправить код подтверждения',
  },
  confirmEmail: {
    method: 'POST',
    path: '/api/me/personal-data/email/confirm',
    body: ZEmailConfirm,
    response: ZPersonalData,
    summary: 'Подтвердить e-mail кодом из письма',
  },
  documents: {
    method: 'GET',
    path: '/api/me/documents',
    response: ZDocuments,
    summary: 'Мои документы: согласия, договоры, соглашения, квитанции, справки',
  },
  activity: {
    method: 'POST',
    path: '/api/me/activity',
    body: ZActivityQuery,
    response: ZActivityPage,
    summary: 'История действий в личном кабинете (страница, фильтр)',
  },
  reportSignIn: {
    method: 'POST',
    path: '/api/me/activity/not-me',
    body: ZReportSignIn,
    response: z.object({ ended: z.number().int() }),
    summary: '«Это был не я»: завершить все сеансы',
  },
} as const satisfies Record<string, Endpoint>;

/** The PDF downloads «Мои документы» adds (file routes, outside the JSON table). */
export const DOCUMENT_PDF_PATHS = {
  consent: '/api/me/documents/consents/:id/pdf',
  signedContract: '/api/me/documents/contracts/:id/signed-pdf',
  signedAddendum: '/api/me/documents/addenda/:id/signed-pdf',
  letter: '/api/me/documents/letters/:id/pdf',
} as const;
