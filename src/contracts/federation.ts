import './zod-locale';
import { z } from 'zod';
import { ZCodeSent, ZOk, ZOtpCode, ZPasswordAttempt, ZText, ZUuid } from './common';
import { ZMe } from './identity';
import { ZRegistrationComplete, ZRegistrationStart } from './identity';
import type { Endpoint } from './api';

/** Sign-up and sign-in through Gosuslugi (ESIA) and T-ID. */
export const ZProviderId = z.enum(['esia', 'tid'], { error: 'Неизвестный способ входа' });
export type ProviderIdWire = z.infer<typeof ZProviderId>;

export const ZProviderParams = z.object({ provider: ZProviderId });
const ZAttemptParams = z.object({ id: ZUuid });

/** The providers configured on this site, for the «Войти через …» buttons. */
export const ZProviders = z.array(z.object({ id: ZProviderId, name: z.string() }));

export const ZProviderStart = z.object({
  purpose: z.enum(['sign-in', 'link', 'refresh']).default('sign-in'),
});
export const ZProviderRedirect = z.object({ url: z.string() });

/** What the provider's redirect brought back to our callback page: `code` and `state`, or `error`. */
export const ZProviderCallback = z.object({
  state: ZText(200, 'state').min(1),
  code: ZText(4000, 'code').optional(),
  error: ZText(200, 'error').optional(),
});

/** The person the provider vouched for, as the registration form shows it; null where not shared. */
export const ZProviderPerson = z.object({
  surname: z.string().nullable(),
  name: z.string().nullable(),
  patronymic: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  phone: z.string().nullable(),
  passport: z
    .object({
      series: z.string(),
      number: z.string(),
      issueDate: z.string(),
      issuedBy: z.string(),
      divisionCode: z.string(),
    })
    .nullable(),
  /** The provider vouches for these data (a confirmed Gosuslugi account): the form shows them locked. */
  locked: z.boolean(),
  missing: z.array(z.enum(['name', 'birthDate', 'sex', 'phone', 'passport'])),
});
export type ProviderPersonView = z.infer<typeof ZProviderPerson>;

/**
 * The outcome of the callback: signed in (a linked identity), register (no account: the registration form, filled),
 * link (an account matched: prove control of it with its password or an SMS code to `phoneMasked`), linked (a
 * signed-in borrower linked the identity from the profile).
 */
export const ZProviderOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('signed-in'), me: ZMe }),
  z.object({
    outcome: z.literal('register'),
    attemptId: ZUuid,
    provider: ZProviderId,
    person: ZProviderPerson,
  }),
  z.object({ outcome: z.literal('link'), attemptId: ZUuid, provider: ZProviderId, phoneMasked: z.string() }),
  z.object({ outcome: z.literal('linked'), provider: ZProviderId }),
  /** The passport Gosuslugi vouches for now, for the profile's side-by-side diff (null: none verified). */
  z.object({
    outcome: z.literal('refresh'),
    provider: ZProviderId,
    passport: ZProviderPerson.shape.passport,
  }),
]);
export type ProviderOutcome = z.infer<typeof ZProviderOutcome>;

export const ZProviderAttempt = z.object({
  attemptId: ZUuid,
  provider: ZProviderId,
  outcome: z.enum(['register', 'link']),
  person: ZProviderPerson,
  phoneMasked: z.string().nullable(),
});

/** Proof of control of the matched account: its password, or the SMS code sent to its current phone. */
export const ZProviderLinkProof = z.union([
  z.object({ password: ZPasswordAttempt }),
  z.object({ code: ZOtpCode }),
]);

export const ZFederatedRegistrationStart = ZRegistrationStart;
/** The registration's last step after a provider: the same as the ordinary one, without the captcha. */
export const ZFederatedRegistrationComplete = ZRegistrationComplete.omit({
  captchaId: true,
  captchaAnswer: true,
});
export type FederatedRegistrationCompleteInput = z.input<typeof ZFederatedRegistrationComplete>;

export const ZLinkedProviders = z.array(
  z.object({
    provider: ZProviderId,
    name: z.string(),
    linkedAt: z.iso.datetime(),
    lastSignInAt: z.iso.datetime().nullable(),
  }),
);

/** The federation endpoints; registered by src/server/http/public/federation-routes.ts. */
export const federationApi = {
  providers: {
    method: 'GET',
    path: '/api/federation/providers',
    response: ZProviders,
    summary: 'Какие способы входа через Госуслуги и T-ID включены',
  },
  start: {
    method: 'POST',
    path: '/api/federation/:provider/start',
    params: ZProviderParams,
    body: ZProviderStart,
    response: ZProviderRedirect,
    summary: 'Начать вход через Госуслуги или T-ID: адрес страницы провайдера',
  },
  callback: {
    method: 'POST',
    path: '/api/federation/:provider/callback',
    params: ZProviderParams,
    body: ZProviderCallback,
    response: ZProviderOutcome,
    summary: 'Ответ провайдера: вход, регистрация или привязка к существующему кабинету',
  },
  attempt: {
    method: 'GET',
    path: '/api/federation/attempts/:id',
    params: ZAttemptParams,
    response: ZProviderAttempt,
    summary: 'Данные провайдера для формы регистрации или привязки',
  },
  linkCode: {
    method: 'POST',
    path: '/api/federation/attempts/:id/link-code',
    params: ZAttemptParams,
    response: ZCodeSent,
    summary: 'Код из СМС на телефон найденного кабинета, чтобы привязать вход',
  },
  link: {
    method: 'POST',
    path: '/api/federation/attempts/:id/link',
    params: ZAttemptParams,
    body: ZProviderLinkProof,
    response: ZMe,
    summary: 'Привязать вход к найденному кабинету (пароль или код из СМС) и войти',
  },
  registrationStart: {
    method: 'POST',
    path: '/api/federation/attempts/:id/registration',
    params: ZAttemptParams,
    body: ZFederatedRegistrationStart,
    response: ZCodeSent,
    summary: 'Регистрация после Госуслуг или T-ID: телефон и пароль',
  },
  registrationComplete: {
    method: 'POST',
    path: '/api/federation/registrations/:id/complete',
    params: ZAttemptParams,
    body: ZFederatedRegistrationComplete,
    response: ZMe,
    status: 201,
    summary: 'Регистрация после Госуслуг или T-ID: данные провайдера и согласия',
  },
  myProviders: {
    method: 'GET',
    path: '/api/me/providers',
    response: ZLinkedProviders,
    summary: 'Привязанные способы входа',
  },
  unlink: {
    method: 'DELETE',
    path: '/api/me/providers/:provider',
    params: ZProviderParams,
    response: ZOk,
    summary: 'Отвязать способ входа',
  },
} as const satisfies Record<string, Endpoint>;
