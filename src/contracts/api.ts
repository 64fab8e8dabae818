import './zod-locale';
import { z } from 'zod';
import { ZCodeSent, ZOk, ZUuid } from './common';
import {
  ZCaptcha,
  ZConfirmCode,
  ZConsentDocument,
  ZCsrf,
  ZDevSms,
  ZEndedSessions,
  ZLogin,
  ZMe,
  ZPassportChange,
  ZPassportChangeRequest,
  ZPassportHistory,
  ZRecoveryComplete,
  ZRecoveryStart,
  ZRegistrationComplete,
  ZRegistrationStart,
  ZSessions,
  ZSessionState,
  ZSiteStatus,
} from './identity';
import { ZApplication, ZApplicationRequest, ZEligibility, ZProduct, ZQuote, ZQuoteRequest } from './loans';
import {
  ZBusinessDate,
  ZCreatePayment,
  ZEarlyRepaymentQuote,
  ZEarlyRepaymentQuoteRequest,
  ZLoan,
  ZMoveBusinessDate,
  ZNotifications,
  ZNotificationSettings,
  ZPayment,
  ZProlongation,
  ZProlongationQuote,
  ZProlongationRequest,
} from './servicing';

/**
 * The HTTP API in one table: the server registers its routes from it and the web client calls through it,
 * so a path or a schema cannot drift between the two.
 */
export type Endpoint = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
  summary: string;
};

const ZIdParams = z.object({ id: ZUuid });
const ZLoanChildParams = z.object({ id: ZUuid, childId: ZUuid });

export const api = {
  // public
  health: {
    method: 'GET',
    path: '/api/health',
    response: z.object({ status: z.literal('ok') }),
    summary: 'Жив ли процесс',
  },
  ready: {
    method: 'GET',
    path: '/api/ready',
    response: z.object({ status: z.literal('ready') }),
    summary: 'Готов ли (база доступна)',
  },
  status: {
    method: 'GET',
    path: '/api/status',
    response: ZSiteStatus,
    summary: 'Состояние сайта и контакты',
  },
  csrf: { method: 'GET', path: '/api/csrf', response: ZCsrf, summary: 'CSRF-токен для изменяющих запросов' },
  session: {
    method: 'GET',
    path: '/api/session',
    response: ZSessionState,
    summary: 'Кто на сайте: гость или заёмщик (с его данными)',
  },
  captcha: {
    method: 'POST',
    path: '/api/captcha',
    response: ZCaptcha,
    status: 201,
    summary: 'Новая картинка с кодом',
  },
  consentDocuments: {
    method: 'GET',
    path: '/api/consent-documents',
    response: z.array(ZConsentDocument),
    summary: 'Тексты согласий',
  },

  registrationStart: {
    method: 'POST',
    path: '/api/registration',
    body: ZRegistrationStart,
    response: ZCodeSent,
    status: 201,
    summary: 'Шаг 1: телефон и пароль, отправка кода',
  },
  registrationResend: {
    method: 'POST',
    path: '/api/registration/:id/resend',
    params: ZIdParams,
    response: ZCodeSent,
    summary: 'Отправить код ещё раз',
  },
  registrationConfirm: {
    method: 'POST',
    path: '/api/registration/:id/confirm',
    params: ZIdParams,
    body: ZConfirmCode,
    response: ZOk,
    summary: 'Подтвердить телефон кодом',
  },
  registrationComplete: {
    method: 'POST',
    path: '/api/registration/:id/complete',
    params: ZIdParams,
    body: ZRegistrationComplete,
    response: ZMe,
    status: 201,
    summary: 'Шаг 2: личные данные, паспорт, согласия',
  },

  login: {
    method: 'POST',
    path: '/api/auth/login',
    body: ZLogin,
    response: ZMe,
    summary: 'Вход по телефону и паролю',
  },
  logout: { method: 'POST', path: '/api/auth/logout', response: ZOk, summary: 'Выход' },
  recoveryStart: {
    method: 'POST',
    path: '/api/password-recovery',
    body: ZRecoveryStart,
    response: ZCodeSent,
    status: 201,
    summary: 'Забыли пароль: код по СМС',
  },
  recoveryResend: {
    method: 'POST',
    path: '/api/password-recovery/:id/resend',
    params: ZIdParams,
    response: ZCodeSent,
    summary: 'Отправить код ещё раз',
  },
  recoveryComplete: {
    method: 'POST',
    path: '/api/password-recovery/:id/complete',
    params: ZIdParams,
    body: ZRecoveryComplete,
    response: ZOk,
    summary: 'Новый пароль по коду',
  },

  // borrower
  me: { method: 'GET', path: '/api/me', response: ZMe, summary: 'Мои данные' },
  passportChangeCode: {
    method: 'POST',
    path: '/api/me/passport/code',
    body: ZPassportChangeRequest,
    response: ZCodeSent,
    summary: 'Проверить новый паспорт и прислать СМС-код для подтверждения смены',
  },
  changePassport: {
    method: 'PUT',
    path: '/api/me/passport',
    body: ZPassportChange,
    response: ZMe,
    summary: 'Сменить паспортные данные: новый паспорт и код из СМС',
  },
  passportHistory: {
    method: 'GET',
    path: '/api/me/passport-history',
    response: ZPassportHistory,
    summary: 'Прежние паспорта',
  },
  sessions: { method: 'GET', path: '/api/me/sessions', response: ZSessions, summary: 'Мои активные сеансы' },
  endSession: {
    method: 'DELETE',
    path: '/api/me/sessions/:id',
    params: ZIdParams,
    response: ZOk,
    summary: 'Завершить сеанс',
  },
  endOtherSessions: {
    method: 'POST',
    path: '/api/me/sessions/end-others',
    response: ZEndedSessions,
    summary: 'Завершить все сеансы, кроме текущего',
  },

  // loans
  products: {
    method: 'GET',
    path: '/api/products',
    response: z.array(ZProduct),
    summary: 'Продукты: суммы, сроки, ставки',
  },
  quote: {
    method: 'POST',
    path: '/api/quote',
    body: ZQuoteRequest,
    response: ZQuote,
    summary: 'Расчёт займа для нового клиента (калькулятор)',
  },
  myQuote: {
    method: 'POST',
    path: '/api/me/quote',
    body: ZQuoteRequest,
    response: ZQuote,
    summary: 'Расчёт займа для меня',
  },
  eligibility: {
    method: 'GET',
    path: '/api/me/eligibility',
    response: ZEligibility,
    summary: 'Можно ли мне подать заявку сейчас, и почему нет',
  },
  submitApplication: {
    method: 'POST',
    path: '/api/me/applications',
    body: ZApplicationRequest,
    response: ZApplication,
    status: 201,
    summary: 'Подать заявку на заём',
  },
  applications: {
    method: 'GET',
    path: '/api/me/applications',
    response: z.array(ZApplication),
    summary: 'Мои заявки',
  },
  application: {
    method: 'GET',
    path: '/api/me/applications/:id',
    params: ZIdParams,
    response: ZApplication,
    summary: 'Заявка и её статус',
  },

  signatureCode: {
    method: 'POST',
    path: '/api/me/applications/:id/signature-code',
    params: ZIdParams,
    response: ZCodeSent,
    summary: 'Договор по одобренной заявке и СМС-код для его подписания',
  },
  sign: {
    method: 'POST',
    path: '/api/me/applications/:id/sign',
    params: ZIdParams,
    body: ZConfirmCode,
    response: ZApplication,
    summary: 'Подписать договор кодом из СМС',
  },
  cancelApplication: {
    method: 'POST',
    path: '/api/me/applications/:id/cancel',
    params: ZIdParams,
    response: ZApplication,
    summary: 'Отказаться от займа до выплаты',
  },

  // servicing
  loans: { method: 'GET', path: '/api/me/loans', response: z.array(ZLoan), summary: 'Мои займы' },
  loan: {
    method: 'GET',
    path: '/api/me/loans/:id',
    params: ZIdParams,
    response: ZLoan,
    summary: 'Заём: задолженность, график, платежи, пролонгации',
  },
  createPayment: {
    method: 'POST',
    path: '/api/me/loans/:id/payments',
    params: ZIdParams,
    body: ZCreatePayment,
    response: ZPayment,
    status: 201,
    summary: 'Оплатить: следующий платёж, полное погашение или любую сумму (ключ идемпотентности обязателен)',
  },
  payment: {
    method: 'GET',
    path: '/api/me/loans/:id/payments/:childId',
    params: ZLoanChildParams,
    response: ZPayment,
    summary: 'Платёж и его статус (сверяется с провайдером)',
  },
  earlyRepaymentQuote: {
    method: 'POST',
    path: '/api/me/loans/:id/early-repayment-quote',
    params: ZIdParams,
    body: ZEarlyRepaymentQuoteRequest,
    response: ZEarlyRepaymentQuote,
    summary: 'Досрочное погашение: сумма на сегодня и график после платежа',
  },
  prolongationQuote: {
    method: 'POST',
    path: '/api/me/loans/:id/prolongation-quote',
    params: ZIdParams,
    body: ZProlongationRequest,
    response: ZProlongationQuote,
    summary: 'Пролонгация: сколько заплатить сейчас и новая дата',
  },
  requestProlongation: {
    method: 'POST',
    path: '/api/me/loans/:id/prolongations',
    params: ZIdParams,
    body: ZProlongationRequest,
    response: ZProlongation,
    status: 201,
    summary: 'Оформить допсоглашение о пролонгации и отправить СМС-код',
  },
  signProlongation: {
    method: 'POST',
    path: '/api/me/loans/:id/prolongations/:childId/sign',
    params: ZLoanChildParams,
    body: ZConfirmCode,
    response: ZProlongation,
    summary: 'Подписать допсоглашение кодом из СМС',
  },
  refundOverpayment: {
    method: 'POST',
    path: '/api/me/loans/:id/overpayment-refund',
    params: ZIdParams,
    response: ZLoan,
    summary: 'Вернуть переплату',
  },
  notifications: {
    method: 'GET',
    path: '/api/me/notifications',
    response: ZNotifications,
    summary: 'Сообщения в личном кабинете',
  },
  readNotifications: {
    method: 'POST',
    path: '/api/me/notifications/read',
    response: ZOk,
    summary: 'Отметить сообщения прочитанными',
  },
  notificationSettings: {
    method: 'GET',
    path: '/api/me/notification-settings',
    response: ZNotificationSettings,
    summary: 'Какие необязательные СМС я получаю',
  },
  updateNotificationSettings: {
    method: 'PUT',
    path: '/api/me/notification-settings',
    body: ZNotificationSettings,
    response: ZNotificationSettings,
    summary: 'Выбрать необязательные СМС',
  },

  // demo only
  devBusinessDate: {
    method: 'GET',
    path: '/api/dev/business-date',
    response: ZBusinessDate,
    summary: 'Демо: текущая операционная дата',
  },
  devMoveBusinessDate: {
    method: 'POST',
    path: '/api/dev/business-date',
    body: ZMoveBusinessDate,
    response: ZBusinessDate,
    summary: 'Демо: сдвинуть операционную дату вперёд (с закрытием каждого дня)',
  },
  devSms: { method: 'GET', path: '/api/dev/sms', response: ZDevSms, summary: 'Демо: отправленные СМС' },
} as const satisfies Record<string, Endpoint>;

export type Api = typeof api;
