import './zod-locale';
import { z } from 'zod';
import { ZCodeSent, ZIsoDate, ZOtpCode, ZPassword, ZPasswordAttempt, ZText, ZUuid } from './common';
import { ZPassport, ZPersonFields, ZSex } from './person';
import { ZPhone } from './phone';

// ── Registration ────────────────────────────────────────────────────────────
export const ZRegistrationStart = z.object({ phone: ZPhone, password: ZPassword });
export type RegistrationStart = z.input<typeof ZRegistrationStart>;

export const ZConfirmCode = z.object({ code: ZOtpCode });

export const CONSENT_KINDS = ['personal_data', 'simple_signature', 'credit_bureau'] as const;
export const ZConsentKind = z.enum(CONSENT_KINDS);
export type ConsentKind = z.infer<typeof ZConsentKind>;

const mustAccept = (message: string) => z.literal(true, { error: message });

export const ZRegistrationComplete = ZPersonFields.extend({
  passport: ZPassport,
  captchaId: ZUuid,
  captchaAnswer: ZText(12, 'Код с картинки').min(1, 'Введите код с картинки'),
  consents: z.object({
    personal_data: mustAccept('Нужно согласие на обработку персональных данных'),
    simple_signature: mustAccept('Нужно принять соглашение об использовании простой электронной подписи'),
    credit_bureau: mustAccept('Нужно согласие на запрос в бюро кредитных историй'),
  }),
});
export type RegistrationCompleteInput = z.input<typeof ZRegistrationComplete>;

export const ZCaptcha = z.object({
  id: ZUuid,
  svg: z.string().describe('Картинка с кодом, SVG'),
  expiresInSec: z.number().int(),
});

export const ZConsentDocument = z.object({
  kind: ZConsentKind,
  version: z.string(),
  title: z.string(),
  text: z.string(),
});
export type ConsentDocument = z.infer<typeof ZConsentDocument>;

// ── Sign-in and recovery ───────────────────────────────────────────────────
export const ZLogin = z.object({ phone: ZPhone, password: ZPasswordAttempt });
export const ZRecoveryStart = z.object({ phone: ZPhone });
export const ZRecoveryComplete = z.object({ code: ZOtpCode, newPassword: ZPassword });

// ── The borrower ───────────────────────────────────────────────────────────
export const ZMe = z.object({
  id: ZUuid,
  phone: z.string(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: ZIsoDate,
  sex: ZSex,
  passport: z.object({
    series: z.string(),
    number: z.string(),
    issueDate: ZIsoDate,
    issuedBy: z.string(),
    divisionCode: z.string(),
  }),
  registeredAt: z.iso.datetime(),
});
export type Me = z.infer<typeof ZMe>;

/** A new surname, name and patronymic, given with the new passport they are written in. */
export const ZNewName = ZPersonFields.pick({ surname: true, name: true, patronymic: true });
export type NewName = z.output<typeof ZNewName>;

/**
 * Step 1 of a passport change: the new passport (and, after a change of name, the name in it); the answer is an
 * SMS code bound to exactly these data.
 */
export const ZPassportChangeRequest = z.object({ passport: ZPassport, newName: ZNewName.nullish() });
export type PassportChangeRequest = z.input<typeof ZPassportChangeRequest>;
/** Step 2: the same passport again and the code from the SMS. */
export const ZPassportChange = ZPassportChangeRequest.extend({ code: ZOtpCode });
export type PassportChangeInput = z.input<typeof ZPassportChange>;

/**
 * Who is on the site, for `GET /api/session`: a guest (`signedIn: false`, nothing else) or the signed-in borrower
 * with their data. Always 200: a guest is not an error, so the web app asks this instead of `GET /api/me` (401).
 */
export const ZSessionState = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }),
  z.object({ signedIn: z.literal(true), me: ZMe }),
]);
export type SessionState = z.infer<typeof ZSessionState>;

export const ZPassportHistoryItem = z.object({
  seriesAndNumberMasked: z.string(),
  /** The name held while this passport was current (null for changes made before names were kept). */
  fullName: z.string().nullable(),
  /** Numbers of the contracts signed while this passport was current. */
  contracts: z.array(z.string()),
  issueDate: ZIsoDate,
  validFrom: z.iso.datetime(),
  replacedAt: z.iso.datetime(),
});
export const ZPassportHistory = z.array(ZPassportHistoryItem);

export const ZSession = z.object({
  id: ZUuid,
  current: z.boolean(),
  device: z.string(),
  ip: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** How the session was opened: password, Gosuslugi (esia) or T-ID (tid). */
  method: z.enum(['password', 'esia', 'tid']),
});
export const ZSessions = z.array(ZSession);
export type SessionView = z.infer<typeof ZSession>;

export const ZEndedSessions = z.object({ ended: z.number().int() });

// ── Site ───────────────────────────────────────────────────────────────────
/**
 * The site as a visitor sees it. `maintenance`: works under way now, closing `maintenanceScope` (the whole site,
 * new applications, or payments); `maintenancePlannedStart`: works announced ahead (nothing closed yet);
 * `maintenancePlannedEnd`: when they should end (ISO instants).
 */
export const ZSiteStatus = z.object({
  maintenance: z.boolean(),
  maintenanceScope: z.enum(['all', 'applications', 'payments']).nullable(),
  maintenanceMessage: z.string().nullable(),
  maintenancePlannedStart: z.iso.datetime().nullable(),
  maintenancePlannedEnd: z.iso.datetime().nullable(),
  demo: z.boolean(),
  supportPhone: z.string(),
  supportEmail: z.string(),
  telegramUrl: z.string(),
  companyName: z.string(),
});
export type SiteStatus = z.infer<typeof ZSiteStatus>;

export const ZCsrf = z.object({ token: z.string() });

export const ZDevSms = z.array(
  z.object({ id: ZUuid, phone: z.string(), text: z.string(), createdAt: z.iso.datetime() }),
);

export { ZCodeSent };
