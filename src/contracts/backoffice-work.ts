import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';
import { ZOk, ZUuid } from './common';
import { ZKopecks, ZSignedKopecks } from './kopecks';

/**
 * The back office's work: queues with claims, deciding applications (maker-checker), refunds and payouts to
 * resolve. A table of its own (`workApi`), imported only by the back-office web entry and the server.
 */

const ZInstant = z.iso.datetime();

/** A queue's name (applications, payouts, refunds, and those other work adds). */
export const ZQueueName = z.string().regex(/^[a-z][a-z-]{0,39}$/, 'Неизвестная очередь');

/** Russian names of the built-in queues. */
export const QUEUE_LABELS: Record<string, string> = {
  applications: 'Заявки на ручной проверке',
  payouts: 'Несостоявшиеся выплаты',
  refunds: 'Возвраты переплат, отклонённые эквайером',
  'phone-changes': 'Смена номера телефона',
  'relationship-ends': 'Прекращение отношений',
};

/** Russian names of the statuses queue items show. */
export const WORK_STATUS_LABELS: Record<string, string> = {
  under_review: 'На проверке',
  phone_change_open: 'Ждёт проверки личности',
  phone_change_checked: 'Ждёт одобрения старшего',
  phone_change_approved: 'Ждёт код с нового номера',
  relationship_end_open: 'Ждёт решения',
  awaiting_second_approval: 'Ждёт второго подтверждения',
  failed: 'Выплата не прошла',
  refused: 'Эквайер отказал',
  canceled: 'Эквайер отменил',
};

export const ZQueueSummary = z.object({
  name: ZQueueName,
  label: z.string(),
  total: z.number().int(),
  unclaimed: z.number().int(),
  oldestSince: ZInstant.nullable(),
});
export type QueueSummary = z.infer<typeof ZQueueSummary>;

export const ZClaim = z.object({
  staffId: ZUuid,
  displayName: z.string(),
  expiresAt: ZInstant,
  mine: z.boolean(),
});
export type Claim = z.infer<typeof ZClaim>;

export const ZWorkItem = z.object({
  id: ZUuid,
  queue: ZQueueName,
  title: z.string(),
  subtitle: z.string().nullable(),
  amount: ZKopecks.nullable(),
  status: z.string(),
  since: ZInstant,
  borrowerId: ZUuid.nullable(),
  claim: ZClaim.nullable(),
});
export type WorkItem = z.infer<typeof ZWorkItem>;

export const ZQueuePageRequest = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(5).max(100).default(20),
  sort: z.enum(['since', 'amount', 'title']).default('since'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  claim: z.enum(['all', 'mine', 'free', 'others']).default('all'),
  search: z.string().trim().max(100).optional(),
});
export type QueuePageRequest = z.input<typeof ZQueuePageRequest>;

export const ZQueuePage = z.object({
  items: z.array(ZWorkItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const ZQueueParams = z.object({ queue: ZQueueName });
const ZItemParams = z.object({ queue: ZQueueName, id: ZUuid });
const ZIdParams = z.object({ id: ZUuid });

/** A reason code with its Russian label (for the specialist). */
export const ZReason = z.object({ code: z.string(), label: z.string() });

/** The closed list of a specialist's refusal reasons (src/domain/decision.ts STAFF_REFUSAL_REASONS). */
export const ZStaffRefusalReason = z.enum([
  'INCOME_NOT_CONFIRMED',
  'DATA_MISMATCH',
  'PAYOUT_DETAILS_INVALID',
  'LENDER_POLICY',
]);
export type StaffRefusalReasonCode = z.infer<typeof ZStaffRefusalReason>;

/** Russian labels of every reason code (automatic and the specialist's). */
export const REASON_LABELS: Record<string, string> = {
  AGE_BELOW_MIN: 'Возраст меньше допустимого',
  AGE_ABOVE_MAX: 'Возраст больше допустимого',
  PASSPORT_INVALID: 'Паспорт недействителен',
  SELF_BAN: 'Самозапрет в бюро кредитных историй',
  UNPAID_HIGH_PSK_LOANS: 'Лимит непогашенных займов с высокой ПСК',
  SHORT_LOANS_PER_YEAR: 'Лимит коротких займов за год',
  ACTIVE_LOAN: 'Есть действующий заём',
  WAIT_AFTER_HIGH_PSK_LOAN: 'Перерыв после займа с ПСК выше 100 %',
  DEBT_LOAD: 'Долговая нагрузка (ПДН) не позволяет',
  AMOUNT_REDUCED: 'Сумма снижена по ПДН',
  LARGE_FIRST_LOAN: 'Крупный первый заём — решает специалист',
  INCOME_NOT_CONFIRMED: 'Доход не подтверждён',
  DATA_MISMATCH: 'Данные анкеты не совпали с проверкой',
  PAYOUT_DETAILS_INVALID: 'Реквизиты для выплаты не прошли проверку',
  LENDER_POLICY: 'Кредитная политика',
};

export const ZApplicationReview = z.object({
  id: ZUuid,
  status: z.string(),
  borrower: z.object({ id: ZUuid, fullName: z.string(), birthDate: z.string(), phone: z.string() }),
  product: z.object({
    id: z.string(),
    name: z.string(),
    minAmount: ZKopecks,
    maxAmount: ZKopecks,
    amountStep: ZKopecks,
    termUnit: z.enum(['days', 'weeks']),
  }),
  amount: ZKopecks,
  term: z.number().int(),
  employment: z.string(),
  monthlyIncome: ZKopecks,
  createdAt: ZInstant,
  automatic: z.object({
    outcome: z.string(),
    reasons: z.array(ZReason),
    ruleSetId: z.string().nullable(),
    allowedAmount: ZKopecks.nullable(),
    inputs: z.record(z.string(), z.unknown()),
  }),
  bureau: z.object({ banned: z.boolean(), bureau: z.string(), requestId: z.string() }).nullable(),
  history: z.object({
    applications: z.array(z.object({ id: ZUuid, createdAt: ZInstant, amount: ZKopecks, status: z.string() })),
    loans: z.array(
      z.object({
        id: ZUuid,
        principal: ZKopecks,
        status: z.string(),
        disbursedOn: z.string().nullable(),
        closedOn: z.string().nullable(),
        overdueSince: z.string().nullable(),
      }),
    ),
  }),
  pending: z
    .object({
      amount: ZKopecks,
      term: z.number().int(),
      comment: z.string().nullable(),
      madeBy: ZUuid,
      madeByName: z.string(),
      madeAt: ZInstant,
    })
    .nullable(),
  claim: ZClaim.nullable(),
  secondApprovalAbove: ZKopecks,
  refusalReasons: z.array(ZReason),
});
export type ApplicationReview = z.infer<typeof ZApplicationReview>;

export const ZDecisionRequest = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('approve'),
    amount: ZKopecks,
    comment: z.string().trim().max(1000).optional(),
  }),
  z.object({
    outcome: z.literal('refuse'),
    reason: ZStaffRefusalReason,
    comment: z.string().trim().max(1000).optional(),
  }),
]);
export type DecisionRequest = z.input<typeof ZDecisionRequest>;

export const ZDecisionResult = z.object({
  status: z.enum(['approved', 'refused', 'awaiting_second_approval', 'under_review']),
});

export const ZSecondApprovalRequest = z.object({
  confirm: z.boolean(),
  comment: z.string().trim().max(1000).optional(),
});

export const ZResolveRequest = z.object({ note: z.string().trim().min(3).max(1000) });
export const ZRefundTransferRequest = z.object({
  paymentOrder: z.string().trim().min(1).max(100).describe('Номер платёжного поручения'),
});
export const ZRefundRetryResult = z.object({ status: z.string(), failureReason: z.string().nullable() });

export const workApi = {
  queues: {
    method: 'GET',
    path: '/api/backoffice/queues',
    response: z.object({ queues: z.array(ZQueueSummary) }),
    summary: 'Бэк-офис: очереди и их размеры',
  },
  queueItems: {
    method: 'POST',
    path: '/api/backoffice/queues/:queue/items',
    params: ZQueueParams,
    body: ZQueuePageRequest,
    response: ZQueuePage,
    summary: 'Бэк-офис: страница очереди (фильтры и сортировка в теле запроса)',
  },
  claim: {
    method: 'POST',
    path: '/api/backoffice/queues/:queue/items/:id/claim',
    params: ZItemParams,
    response: ZClaim,
    summary: 'Бэк-офис: взять дело в работу',
  },
  release: {
    method: 'POST',
    path: '/api/backoffice/queues/:queue/items/:id/release',
    params: ZItemParams,
    response: ZOk,
    summary: 'Бэк-офис: вернуть дело в очередь',
  },
  resolve: {
    method: 'POST',
    path: '/api/backoffice/queues/:queue/items/:id/resolve',
    params: ZItemParams,
    body: ZResolveRequest,
    response: ZOk,
    summary: 'Бэк-офис: закрыть дело (несостоявшаяся выплата разобрана)',
  },
  applicationReview: {
    method: 'GET',
    path: '/api/backoffice/applications/:id',
    params: ZIdParams,
    response: ZApplicationReview,
    summary: 'Бэк-офис: заявка для решения',
  },
  decide: {
    method: 'POST',
    path: '/api/backoffice/applications/:id/decision',
    params: ZIdParams,
    body: ZDecisionRequest,
    response: ZDecisionResult,
    summary: 'Бэк-офис: решение специалиста по заявке',
  },
  secondApproval: {
    method: 'POST',
    path: '/api/backoffice/applications/:id/second-approval',
    params: ZIdParams,
    body: ZSecondApprovalRequest,
    response: ZDecisionResult,
    summary: 'Бэк-офис: второе подтверждение одобрения (старший специалист, не автор решения)',
  },
  retryRefund: {
    method: 'POST',
    path: '/api/backoffice/refunds/:id/retry',
    params: ZIdParams,
    response: ZRefundRetryResult,
    summary: 'Бэк-офис: отправить отклонённый возврат эквайеру снова',
  },
  refundByTransfer: {
    method: 'POST',
    path: '/api/backoffice/refunds/:id/paid-by-transfer',
    params: ZIdParams,
    body: ZRefundTransferRequest,
    response: ZOk,
    summary: 'Бэк-офис: возврат выплачен банковским переводом',
  },
} as const satisfies Record<string, Endpoint>;

// ── Borrower search and card ──

export const ZBorrowerSearch = z.union([
  z.object({ phone: z.string().trim().min(10).max(20) }),
  z.object({
    surname: z.string().trim().min(1).max(100),
    name: z.string().trim().min(1).max(100),
    patronymic: z.string().trim().max(100).optional(),
    birthDate: z.iso.date(),
  }),
  z.object({ passportSeries: z.string().regex(/^\d{4}$/), passportNumber: z.string().regex(/^\d{6}$/) }),
  z.object({ contractNumber: z.string().trim().min(3).max(40) }),
]);
export type BorrowerSearch = z.input<typeof ZBorrowerSearch>;

export const ZBorrowerFound = z.object({
  id: ZUuid,
  fullName: z.string(),
  birthDate: z.string(),
  phone: z.string(),
});

const ZReasonBody = z.object({ reason: z.string().trim().min(5, 'Укажите причину').max(500) });

/** A letter from a specialist to the borrower: a subject line and the text (paragraphs split by blank lines). */
export const ZLetterBody = z.object({
  subject: z.string().trim().min(3, 'Укажите тему письма').max(200, 'Не длиннее 200 символов'),
  text: z.string().trim().min(10, 'Напишите текст письма').max(5000, 'Не длиннее 5000 символов'),
});
export type LetterBody = z.infer<typeof ZLetterBody>;

export const ZBorrowerCard = z.object({
  id: ZUuid,
  fullName: z.string(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
  phone: z.string(),
  passportMasked: z.string(),
  passportIssueDate: z.string(),
  passportIssuedBy: z.string(),
  registeredAt: ZInstant,
  consents: z.array(
    z.object({ kind: z.string(), version: z.string(), acceptedAt: ZInstant, ip: z.string() }),
  ),
  applications: z.array(
    z.object({
      id: ZUuid,
      createdAt: ZInstant,
      productId: z.string(),
      amount: ZKopecks,
      term: z.number().int(),
      status: z.string(),
      offerAmount: ZKopecks.nullable(),
      reasons: z.array(ZReason),
    }),
  ),
  loans: z.array(
    z.object({
      id: ZUuid,
      contractId: ZUuid,
      contractNumber: z.string(),
      signedAt: ZInstant.nullable(),
      principal: ZKopecks,
      status: z.string(),
      disbursedOn: z.string().nullable(),
      closedOn: z.string().nullable(),
      overdueSince: z.string().nullable(),
      /**
       * Balance field (camelCase) → kopecks with the ledger's sign (income and overpayment negative), as the borrower
       * owes them (the ledger plus `unbookedInterest`).
       */
      balances: z.record(z.string(), ZSignedKopecks),
      /** Of `interest`: accrued by the close on quiet days, booked with the loan's next entry (no posting yet). */
      unbookedInterest: ZKopecks,
      schedule: z.array(
        z.object({
          n: z.number().int(),
          dueDate: z.string(),
          total: ZKopecks,
          principal: ZKopecks,
          interest: ZKopecks,
        }),
      ),
      payments: z.array(
        z.object({
          id: ZUuid,
          createdAt: ZInstant,
          amount: ZKopecks,
          status: z.string(),
          method: z.string(),
        }),
      ),
      postings: z.array(
        z.object({
          entryKind: z.string(),
          businessDate: z.string(),
          account: z.string(),
          amount: z.string(),
        }),
      ),
    }),
  ),
  messages: z.array(
    z.object({ kind: z.string(), text: z.string(), createdAt: ZInstant, smsStatus: z.string() }),
  ),
  sessions: z.array(
    z.object({
      id: ZUuid,
      ip: z.string(),
      userAgent: z.string().nullable(),
      createdAt: ZInstant,
      lastSeenAt: ZInstant,
      live: z.boolean(),
      endReason: z.string().nullable(),
    }),
  ),
  audit: z.array(
    z.object({
      at: ZInstant,
      actorType: z.string(),
      actorId: z.string().nullable(),
      action: z.string(),
      ip: z.string().nullable(),
    }),
  ),
});
export type BorrowerCard = z.infer<typeof ZBorrowerCard>;

export const cardApi = {
  searchBorrowers: {
    method: 'POST',
    path: '/api/backoffice/borrowers/search',
    body: ZBorrowerSearch,
    response: z.object({ found: z.array(ZBorrowerFound) }),
    summary:
      'Бэк-офис: поиск клиента (телефон, ФИО и дата рождения, паспорт, номер договора — в теле запроса)',
  },
  borrowerCard: {
    method: 'GET',
    path: '/api/backoffice/borrowers/:id',
    params: ZIdParams,
    response: ZBorrowerCard,
    summary: 'Бэк-офис: карточка клиента (просмотр записывается в журнал)',
  },
  revealPassport: {
    method: 'POST',
    path: '/api/backoffice/borrowers/:id/passport',
    params: ZIdParams,
    body: ZReasonBody,
    response: z.object({ series: z.string(), number: z.string() }),
    summary: 'Бэк-офис: показать паспорт полностью (с причиной, записывается в журнал)',
  },
  endBorrowerSessions: {
    method: 'POST',
    path: '/api/backoffice/borrowers/:id/end-sessions',
    params: ZIdParams,
    body: ZReasonBody,
    response: z.object({ ended: z.number().int() }),
    summary: 'Бэк-офис: завершить все сеансы клиента',
  },
  resendContract: {
    method: 'POST',
    path: '/api/backoffice/borrowers/:id/contracts/:contractId/resend',
    params: z.object({ id: ZUuid, contractId: ZUuid }),
    response: ZOk,
    summary: 'Бэк-офис: отправить клиенту подписанный договор сообщением в личном кабинете',
  },
  sendLetter: {
    method: 'POST',
    path: '/api/backoffice/borrowers/:id/letters',
    params: ZIdParams,
    body: ZLetterBody,
    status: 201,
    response: z.object({ id: ZUuid }),
    summary: 'Бэк-офис: письмо специалиста клиенту (PDF в «Мои документы» и сообщение в личном кабинете)',
  },
} as const satisfies Record<string, Endpoint>;

// ── Overview ──

export const ZOverview = z.object({
  days: z.number().int(),
  perDay: z.array(
    z.object({
      day: z.string(),
      applications: z.number().int(),
      approved: z.number().int(),
      refused: z.number().int(),
      manualReview: z.number().int(),
      payouts: z.number().int(),
      payoutsAmount: ZKopecks,
      payments: z.number().int(),
      paymentsAmount: ZKopecks,
    }),
  ),
  approvalRatePercent: z.number().nullable(),
  portfolio: z.array(z.object({ status: z.string(), loans: z.number().int(), principal: ZKopecks })),
  overdue: z.array(z.object({ bucket: z.enum(['1-30', '31-60', '61-90', '90+']), loans: z.number().int() })),
  queues: z.array(ZQueueSummary.extend({ waitingMinutes: z.number().int().nullable() })),
});
export type Overview = z.infer<typeof ZOverview>;

export const overviewApi = {
  overview: {
    method: 'GET',
    path: '/api/backoffice/overview',
    response: ZOverview,
    summary: 'Бэк-офис: обзор — заявки и решения по дням, портфель, просрочка, выплаты и платежи, очереди',
  },
} as const satisfies Record<string, Endpoint>;
