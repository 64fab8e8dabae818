import './zod-locale';
import { z } from 'zod';
import { ZIsoDate, ZSlug, ZUuid } from './common';
import { ZKopecks } from './kopecks';
import { ZPhone } from './phone';

export const ZProduct = z.object({
  id: z.string(),
  kind: z.enum(['payday', 'instalment']),
  name: z.string(),
  minAmount: ZKopecks,
  maxAmount: ZKopecks,
  amountStep: ZKopecks,
  minTerm: z.number().int(),
  maxTerm: z.number().int(),
  termUnit: z.enum(['days', 'weeks']),
  dailyRateBp: z.number().int(),
  firstLoanDailyRateBp: z.number().int().nullable(),
});
export type ProductView = z.infer<typeof ZProduct>;

export const ZQuoteRequest = z.object({
  productId: ZSlug('Продукт').min(1, 'Выберите продукт'),
  amount: ZKopecks,
  term: z.coerce.number({ error: 'Укажите срок' }).int('Срок — целое число').positive('Укажите срок'),
});
export type QuoteRequest = z.input<typeof ZQuoteRequest>;

export const ZInstalment = z.object({
  n: z.number().int(),
  dueDate: ZIsoDate,
  principal: ZKopecks,
  interest: ZKopecks,
  total: ZKopecks,
  remainingPrincipal: ZKopecks,
});

export const ZQuote = z.object({
  productId: z.string(),
  amount: ZKopecks,
  term: z.number().int(),
  termUnit: z.enum(['days', 'weeks']),
  dailyRateBp: z.number().int(),
  firstLoan: z.boolean(),
  regularPayment: ZKopecks,
  totalToRepay: ZKopecks,
  totalInterest: ZKopecks,
  accrualCap: ZKopecks,
  pskPercent: z.string().describe('ПСК, % годовых, три знака после точки'),
  pskRub: ZKopecks,
  firstDueDate: ZIsoDate,
  lastDueDate: ZIsoDate,
  ruleSetId: z.string(),
  schedule: z.array(ZInstalment),
  /** The personal offer priced in (its rate discount, basis points a day), when the borrower has one. */
  offerId: z.string().optional(),
  rateDiscountBp: z.number().int().optional(),
});
export type QuoteView = z.infer<typeof ZQuote>;

export const EMPLOYMENT_KINDS = [
  'employed',
  'self_employed',
  'entrepreneur',
  'pensioner',
  'student',
  'unemployed',
] as const;

export const ZPayoutMethodInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('card'),
    cardNumber: z
      .string({ error: 'Укажите номер карты' })
      .transform((s) => s.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\d{16,19}$/, 'Номер карты — от 16 до 19 цифр')),
  }),
  z.object({
    kind: z.literal('sbp'),
    phone: ZPhone,
    bankId: ZSlug('Банк').min(1, 'Выберите банк'),
  }),
  z.object({
    kind: z.literal('bank_account'),
    accountNumber: z.string().regex(/^40817\d{15}$/, 'Счёт физического лица — 20 цифр, начинается с 40817'),
    bik: z.string().regex(/^04\d{7}$/, 'БИК — 9 цифр, начинается с 04'),
  }),
]);

export const ZApplicationRequest = ZQuoteRequest.extend({
  employment: z.enum(EMPLOYMENT_KINDS, { error: 'Укажите занятость' }),
  monthlyIncome: ZKopecks,
  payoutMethod: ZPayoutMethodInput,
});
export type ApplicationRequest = z.input<typeof ZApplicationRequest>;

export const ZPayoutMethodView = z.object({
  kind: z.enum(['card', 'sbp', 'bank_account']),
  label: z.string().describe('Например «Карта МИР •••• 0004»'),
});

export const APPLICATION_STATUS = [
  'submitted',
  'under_review',
  'approved',
  'refused',
  'signed',
  'paid_out',
  'cancelled',
  'payout_failed',
] as const;
export const ZApplicationStatus = z.enum(APPLICATION_STATUS);

export const ZApplication = z.object({
  id: ZUuid,
  productId: z.string(),
  productName: z.string(),
  amount: ZKopecks,
  term: z.number().int(),
  termUnit: z.enum(['days', 'weeks']),
  status: ZApplicationStatus,
  statusText: z.string(),
  refusalMessage: z.string().nullable(),
  payoutMethod: ZPayoutMethodView,
  offer: ZQuote.nullable().describe('Предложение: может быть меньше запрошенной суммы'),
  contract: z
    .object({ id: ZUuid, number: z.string(), sha256: z.string(), signedAt: z.iso.datetime().nullable() })
    .nullable(),
  loan: z
    .object({
      id: ZUuid,
      status: z.enum(['awaiting_payout', 'active', 'overdue', 'closed', 'cancelled']),
      disbursedOn: ZIsoDate.nullable(),
      principalOutstanding: ZKopecks.describe('Остаток основного долга — из бухгалтерии (проводок)'),
    })
    .nullable(),
  timeline: z.array(z.object({ status: ZApplicationStatus, text: z.string(), at: z.iso.datetime() })),
  createdAt: z.iso.datetime(),
});
export type ApplicationView = z.infer<typeof ZApplication>;

/** Why a borrower may not apply now (each is also the 409 code of a refused submission; nothing is stored). */
export const ELIGIBILITY_BLOCKS = [
  'APPLICATION_IN_PROGRESS',
  'LOAN_ALREADY_ACTIVE',
  'LOANS_PER_YEAR_LIMIT',
  'PASSPORT_EXPIRED',
  'WAIT_AFTER_HIGH_PSK_LOAN',
] as const;
export type EligibilityBlock = (typeof ELIGIBILITY_BLOCKS)[number];

/** Whether the borrower may apply for a loan now, why not, and whether the next loan is their first. */
export const ZEligibility = z.object({
  canApply: z.boolean(),
  reason: z.enum(ELIGIBILITY_BLOCKS).nullable(),
  message: z.string().nullable().describe('Почему сейчас нельзя подать заявку'),
  firstLoan: z.boolean().describe('Займов ещё не было: действует ставка первого займа'),
});
export type Eligibility = z.infer<typeof ZEligibility>;
