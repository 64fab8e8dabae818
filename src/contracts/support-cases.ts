import { z } from 'zod';
import type { Endpoint } from './api';
import { ZCodeSent, ZIsoDate, ZOtpCode, ZUuid } from './common';
import { ZPhone } from './phone';

/**
 * The borrower's side of a phone change after an identity check and of ending the relationship (issue 12, parts 2
 * and 3): `/api/me/phone-change`, `/api/me/relationship-end`, and the guest's `/api/phone-change` from the sign-in
 * page (by passport data; the answer never tells whether an account matched).
 */

/** The life of a phone change case. */
export const PHONE_CHANGE_STATUS_LABELS = {
  open: 'Ожидает проверки',
  checked: 'Проверена специалистом, ждёт подтверждения',
  approved: 'Одобрена: введите код из СМС, отправленного на новый номер',
  completed: 'Номер изменён',
  refused: 'Отказано',
} as const;
export const ZPhoneChangeStatus = z.enum(['open', 'checked', 'approved', 'completed', 'refused']);

export const ZPhoneChangeRequest = z.object({ newPhone: ZPhone });

export const ZGuestPhoneChangeRequest = z.object({
  series: z
    .string({ error: 'Укажите серию паспорта' })
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{4}$/, 'Серия паспорта — 4 цифры')),
  number: z
    .string({ error: 'Укажите номер паспорта' })
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Номер паспорта — 6 цифр')),
  birthDate: ZIsoDate,
  newPhone: ZPhone,
});

export const ZPhoneChangeConfirm = z.object({ newPhone: ZPhone, code: ZOtpCode });

/** A phone change case as the borrower sees it. */
export const ZMyPhoneChange = z.object({
  id: ZUuid,
  status: ZPhoneChangeStatus,
  newPhoneMasked: z.string(),
  createdAt: z.string(),
  refusalReason: z.string().nullable(),
});
export type MyPhoneChange = z.infer<typeof ZMyPhoneChange>;

/** The borrower's request to end the relationship. */
export const ZMyRelationshipEnd = z.object({
  id: ZUuid,
  status: z.enum(['open', 'ended', 'withdrawn']),
  createdAt: z.string(),
});

/** The PDF confirmation of an ended relationship by the one-time token from the SMS (a file: no JSON contract). */
export const relationshipEndConfirmationPath = (token: string) =>
  `/api/relationship-end/confirmation/${token}`;
/** A token of such a link: base64url. */
export const ZDownloadToken = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/, 'Неверная ссылка');

/** The same answer whatever the data: the case is opened only when they match an account. */
export const ZGenericAccepted = z.object({ message: z.string() });

export const supportCasesApi = {
  myPhoneChanges: {
    method: 'GET',
    path: '/api/me/phone-change',
    response: z.array(ZMyPhoneChange),
    summary: 'Мои заявки на смену номера телефона',
  },
  requestPhoneChange: {
    method: 'POST',
    path: '/api/me/phone-change',
    body: ZPhoneChangeRequest,
    response: ZMyPhoneChange,
    status: 201,
    summary: 'Заявка на смену номера телефона (после проверки личности специалистом)',
  },
  requestPhoneChangeAsGuest: {
    method: 'POST',
    path: '/api/phone-change',
    body: ZGuestPhoneChangeRequest,
    response: ZGenericAccepted,
    status: 202,
    summary: 'Заявка на смену номера без входа: по паспорту и дате рождения',
  },
  confirmPhoneChange: {
    method: 'POST',
    path: '/api/phone-change/confirm',
    body: ZPhoneChangeConfirm,
    response: z.object({ phoneMasked: z.string() }),
    summary: 'Подтвердить новый номер кодом из СМС (после одобрения заявки)',
  },
  resendPhoneChangeCode: {
    method: 'POST',
    path: '/api/phone-change/resend',
    body: ZPhoneChangeRequest,
    response: ZCodeSent,
    summary: 'Отправить код для смены номера ещё раз (после таймера, в пределах суточных лимитов)',
  },
  myRelationshipEnd: {
    method: 'GET',
    path: '/api/me/relationship-end',
    response: ZMyRelationshipEnd.nullable(),
    summary: 'Моя просьба прекратить отношения',
  },
  requestRelationshipEnd: {
    method: 'POST',
    path: '/api/me/relationship-end',
    response: ZMyRelationshipEnd,
    status: 201,
    summary: 'Попросить прекратить отношения с компанией',
  },
} as const satisfies Record<string, Endpoint>;

// ---- the back office (`/api/backoffice/phone-changes`, `/api/backoffice/relationship-ends`) ----

export const ZPhoneChangeChecklist = z.object({
  passportMatch: z.boolean(),
  previousPhoneConfirmed: z.boolean(),
  accountAnswersMatch: z.boolean(),
  videoCall: z
    .object({ at: z.iso.datetime({ offset: true }), outcome: z.string().trim().min(1).max(1000) })
    .nullable()
    .optional(),
});
export type PhoneChangeChecklist = z.infer<typeof ZPhoneChangeChecklist>;

export const ZRefusal = z.object({ reason: z.string().trim().min(3, 'Укажите причину').max(1000) });

/** A phone change case as the back office sees it, with the borrower's number history. */
export const ZDeskPhoneChange = z.object({
  id: ZUuid,
  borrowerId: ZUuid,
  borrowerName: z.string(),
  currentPhone: z.string(),
  newPhone: z.string(),
  openedBy: z.enum(['borrower', 'guest', 'staff']),
  status: ZPhoneChangeStatus,
  passportMatch: z.boolean().nullable(),
  previousPhoneConfirmed: z.boolean().nullable(),
  accountAnswersMatch: z.boolean().nullable(),
  videoCall: z.object({ at: z.string(), by: ZUuid.nullable(), outcome: z.string() }).nullable(),
  checkedBy: ZUuid.nullable(),
  decidedBy: ZUuid.nullable(),
  refusalReason: z.string().nullable(),
  createdAt: z.string(),
  phoneHistory: z.array(z.object({ phone: z.string(), replacedAt: z.string() })),
});
export type DeskPhoneChange = z.infer<typeof ZDeskPhoneChange>;

/** What keeps the relationship from ending, and the request. */
export const ZDeskRelationshipEnd = z.object({
  id: ZUuid,
  borrowerId: ZUuid,
  borrowerName: z.string(),
  status: z.enum(['open', 'ended', 'withdrawn']),
  createdAt: z.string(),
  blockers: z.object({ loans: z.number(), applications: z.number(), refunds: z.number() }),
  endedAt: z.string().nullable(),
  eraseAfter: z.string().nullable(),
});

const ZIdParams = z.object({ id: ZUuid });

/** What the borrower card shows of these cases: earlier numbers, phone change cases, the end of the relationship. */
export const ZCardSupportCases = z.object({
  phoneHistory: z.array(z.object({ phone: z.string(), replacedAt: z.string() })),
  phoneChanges: z.array(
    z.object({ id: ZUuid, status: ZPhoneChangeStatus, newPhone: z.string(), createdAt: z.string() }),
  ),
  endedAt: z.string().nullable(),
  eraseAfter: z.string().nullable(),
});

export const supportCasesDeskApi = {
  borrowerCases: {
    method: 'GET',
    path: '/api/backoffice/borrowers/:id/support-cases',
    params: ZIdParams,
    response: ZCardSupportCases,
    summary: 'Карточка клиента: прежние номера, заявки на смену номера, прекращение отношений',
  },
  openPhoneChange: {
    method: 'POST',
    path: '/api/backoffice/phone-changes',
    body: z.object({ borrowerId: ZUuid, newPhone: ZPhone }),
    response: ZDeskPhoneChange,
    status: 201,
    summary: 'Смена номера: открыть заявку со слов заёмщика (звонок)',
  },
  phoneChange: {
    method: 'GET',
    path: '/api/backoffice/phone-changes/:id',
    params: ZIdParams,
    response: ZDeskPhoneChange,
    summary: 'Смена номера: заявка, чек-лист и история номеров',
  },
  recordChecklist: {
    method: 'PUT',
    path: '/api/backoffice/phone-changes/:id/checklist',
    params: ZIdParams,
    body: ZPhoneChangeChecklist,
    response: ZDeskPhoneChange,
    summary: 'Смена номера: чек-лист проверки личности',
  },
  approvePhoneChange: {
    method: 'POST',
    path: '/api/backoffice/phone-changes/:id/approve',
    params: ZIdParams,
    response: ZDeskPhoneChange,
    summary: 'Смена номера: одобрить (второй сотрудник); на новый номер уходит код',
  },
  refusePhoneChange: {
    method: 'POST',
    path: '/api/backoffice/phone-changes/:id/refuse',
    params: ZIdParams,
    body: ZRefusal,
    response: ZDeskPhoneChange,
    summary: 'Смена номера: отказать с причиной, которую увидит заёмщик',
  },
  relationshipEnd: {
    method: 'GET',
    path: '/api/backoffice/relationship-ends/:id',
    params: ZIdParams,
    response: ZDeskRelationshipEnd,
    summary: 'Прекращение отношений: просьба и что мешает',
  },
  endRelationship: {
    method: 'POST',
    path: '/api/backoffice/relationship-ends/:id/end',
    params: ZIdParams,
    response: ZDeskRelationshipEnd,
    summary: 'Прекращение отношений: прекратить (если ничто не мешает)',
  },
} as const satisfies Record<string, Endpoint>;
