import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';
import { ZIsoDate, ZSlug, ZText, ZUuid } from './common';
import { ZKopecks } from './kopecks';

/**
 * The back office's settings API (`/api/backoffice/settings/...`, `/api/backoffice/products/...`,
 * `/api/backoffice/legal/...`): site maintenance, loan products with maker-checker, legal data. Imported only by
 * the back-office web entry and the server.
 */

/** What maintenance closes: the whole borrower site, only new applications, or only payments. */
export const ZMaintenanceScope = z.enum(['all', 'applications', 'payments']);
export type MaintenanceScope = z.infer<typeof ZMaintenanceScope>;

/** Russian names of the scopes, for screens. */
export const MAINTENANCE_SCOPE_LABELS: Record<MaintenanceScope, string> = {
  all: 'Весь сайт',
  applications: 'Только новые заявки',
  payments: 'Только платежи',
};

/**
 * The maintenance switch as the back office sets it: on/off, scope, the message borrowers read, an optional
 * planned start (null: from now) and planned end (ISO instants; the end must come after the start and after now).
 */
export const ZMaintenanceSwitch = z.object({
  enabled: z.boolean(),
  scope: ZMaintenanceScope,
  message: ZText(500, 'Сообщение').nullable(),
  startsAt: z.iso.datetime({ offset: true }).nullable(),
  plannedEnd: z.iso.datetime({ offset: true }).nullable(),
});
export type MaintenanceSwitch = z.infer<typeof ZMaintenanceSwitch>;

/**
 * The switch as stored (null when never switched) with who changed it and when; `floor`: MAINTENANCE_MODE is set
 * (the whole site is closed whatever the switch says); `active`/`activeScope`: what borrowers see now.
 */
export const ZMaintenanceView = z.object({
  setting: ZMaintenanceSwitch.extend({
    changedBy: z.string().nullable(),
    changedAt: z.iso.datetime(),
  }).nullable(),
  floor: z.boolean(),
  active: z.boolean(),
  activeScope: ZMaintenanceScope.nullable(),
});
export type MaintenanceView = z.infer<typeof ZMaintenanceView>;

// ── Products (maker-checker) ─────────────────────────────────────────────────

/**
 * A product's terms as the back office edits them: amounts in kopecks (strings), terms in days (payday) or weeks
 * (instalment), rates in basis points a day (80 = 0,8 % в день); `firstLoanDailyRateBp` null: no newcomer promo.
 */
export const ZProductTerms = z.object({
  kind: z.enum(['payday', 'instalment']),
  name: ZText(80, 'Название').min(1, 'Укажите название'),
  minAmount: ZKopecks,
  maxAmount: ZKopecks,
  amountStep: ZKopecks,
  minTerm: z.number().int('Срок — целое число'),
  maxTerm: z.number().int('Срок — целое число'),
  dailyRateBp: z.number().int('Ставка — целое число б. п.').min(0),
  firstLoanDailyRateBp: z.number().int('Ставка — целое число б. п.').min(0).nullable(),
  allowsParallelLoans: z.boolean(),
  prolongationWhenOverdue: z.boolean(),
});
export type ProductTerms = z.infer<typeof ZProductTerms>;

/** The kinds of a product change. */
export const ZProductChangeKind = z.enum(['create', 'edit', 'retire']);
export type ProductChangeKind = z.infer<typeof ZProductChangeKind>;
export const PRODUCT_CHANGE_LABELS: Record<ProductChangeKind, string> = {
  create: 'Новый продукт',
  edit: 'Изменение условий',
  retire: 'Вывод из продажи',
};
export const PRODUCT_CHANGE_STATUS_LABELS = {
  pending: 'Ждёт подтверждения',
  approved: 'Подтверждено',
  rejected: 'Отклонено',
} as const;

/**
 * A proposed change: a new product (its code and terms), new terms of a product, or its retirement (no terms), from
 * `effectiveFrom` (today or later). It takes effect only once another staff member approves it.
 */
export const ZProposeProductChange = z.object({
  productId: ZSlug('Код продукта').min(1, 'Укажите код продукта'),
  change: ZProductChangeKind,
  effectiveFrom: ZIsoDate,
  terms: ZProductTerms.optional(),
  comment: ZText(500, 'Комментарий').nullable().optional(),
});
export type ProposeProductChange = z.infer<typeof ZProposeProductChange>;

/** One version of a product (a proposed change and its fate), with who proposed and who decided. */
export const ZProductVersion = z.object({
  id: ZUuid,
  productId: z.string(),
  change: ZProductChangeKind,
  status: z.enum(['pending', 'approved', 'rejected']),
  effectiveFrom: ZIsoDate,
  terms: ZProductTerms,
  active: z.boolean(),
  comment: z.string().nullable(),
  proposedBy: z.object({ id: ZUuid, name: z.string() }),
  proposedAt: z.iso.datetime(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
});
export type ProductVersion = z.infer<typeof ZProductVersion>;

/** The products with the terms in force `today` (null: not in force that day), and every version (history + pending). */
export const ZProductSettings = z.object({
  today: ZIsoDate,
  products: z.array(
    z.object({ id: z.string(), inForce: ZProductTerms.extend({ active: z.boolean() }).nullable() }),
  ),
  versions: z.array(ZProductVersion),
});
export type ProductSettings = z.infer<typeof ZProductSettings>;

const ZChangeParams = z.object({ id: ZUuid });

// ── Legal data ──────────────────────────────────────────────────────────────

/** A percent a year with at most 3 decimals, as the Bank of Russia publishes it ('250.000', '187,5'). */
const ZPercent = z
  .string()
  .trim()
  .regex(/^\d{1,4}([.,]\d{1,3})?$/, 'Процент — число, не больше трёх знаков после запятой');

/** One quarter's published average PSK of a category and the ceiling derived from it (percent strings). */
export const ZPskCeiling = z.object({
  category: z.string(),
  label: z.string(),
  quarterStart: ZIsoDate,
  averagePercent: z.string(),
  ceilingPercent: z.string(),
  demo: z.boolean(),
});
export type PskCeilingView = z.infer<typeof ZPskCeiling>;

/** The published average of a category, in force for contracts from `quarterStart` (the first day of a quarter). */
export const ZEnterPskAverage = z.object({
  category: z.string().max(80),
  quarterStart: ZIsoDate.refine(
    (d) => /-(01|04|07)-01$|-10-01$/.test(d),
    'Квартал начинается 1 января, апреля, июля или октября',
  ),
  averagePercent: ZPercent,
});

/** The categories of the Bank of Russia's table, and every entered quarter (newest first). */
export const ZPskCeilings = z.object({
  categories: z.array(z.object({ code: z.string(), label: z.string() })),
  entries: z.array(ZPskCeiling),
});

/** A production-calendar exception: a holiday, a transferred day off, or a working Saturday/Sunday. */
export const ZCalendarDay = z.object({
  date: ZIsoDate,
  kind: z.enum(['holiday', 'day_off', 'working_day']),
  note: ZText(200, 'Примечание'),
});
export const CALENDAR_DAY_LABELS = {
  holiday: 'Праздник',
  day_off: 'Перенесённый выходной',
  working_day: 'Рабочая суббота/воскресенье',
} as const;

/** One year of the production calendar: its exceptions and the act (decree) they come from. */
export const ZCalendarYear = z.object({
  year: z.number().int(),
  source: ZText(300, 'Источник').min(1, 'Укажите постановление'),
  days: z.array(ZCalendarDay).max(100),
  /** False when the table has no rows for the year (the law's fallback applies: weekends and art. 112 holidays). */
  stored: z.boolean(),
});
export type CalendarYearView = z.infer<typeof ZCalendarYear>;

/** What applies on a date: the legal rule set, whether the day is a working one, and the PSK ceilings in force. */
export const ZLegalOnDate = z.object({
  date: ZIsoDate,
  ruleSet: z.object({ id: z.string(), maxDailyRateBp: z.number().int(), maxPskPercent: z.string() }),
  working: z.boolean(),
  dayNote: z.string().nullable(),
  ceilings: z.array(
    z.object({
      category: z.string(),
      label: z.string(),
      quarterStart: ZIsoDate.nullable(),
      averagePercent: z.string().nullable(),
      ceilingPercent: z.string().nullable(),
    }),
  ),
});
export type LegalOnDate = z.infer<typeof ZLegalOnDate>;

export const settingsApi = {
  maintenance: {
    method: 'GET',
    path: '/api/backoffice/settings/maintenance',
    response: ZMaintenanceView,
    summary: 'Бэк-офис: технические работы — состояние',
  },
  switchMaintenance: {
    method: 'PUT',
    path: '/api/backoffice/settings/maintenance',
    body: ZMaintenanceSwitch,
    response: ZMaintenanceView,
    summary: 'Бэк-офис: включить или выключить технические работы',
  },
  products: {
    method: 'GET',
    path: '/api/backoffice/products',
    response: ZProductSettings,
    summary: 'Бэк-офис: продукты, их версии и изменения на подтверждении',
  },
  proposeProductChange: {
    method: 'POST',
    path: '/api/backoffice/products/changes',
    body: ZProposeProductChange,
    response: ZProductVersion,
    status: 201,
    summary:
      'Бэк-офис: предложить изменение продукта (вступит в силу после подтверждения другим сотрудником)',
  },
  approveProductChange: {
    method: 'POST',
    path: '/api/backoffice/products/changes/:id/approve',
    params: ZChangeParams,
    response: ZProductVersion,
    summary: 'Бэк-офис: подтвердить изменение продукта (не тот, кто предложил)',
  },
  rejectProductChange: {
    method: 'POST',
    path: '/api/backoffice/products/changes/:id/reject',
    params: ZChangeParams,
    response: ZProductVersion,
    summary: 'Бэк-офис: отклонить изменение продукта',
  },
  pskCeilings: {
    method: 'GET',
    path: '/api/backoffice/legal/psk-ceilings',
    response: ZPskCeilings,
    summary: 'Бэк-офис: среднерыночные значения ПСК по кварталам',
  },
  enterPskAverage: {
    method: 'PUT',
    path: '/api/backoffice/legal/psk-ceilings',
    body: ZEnterPskAverage,
    response: ZPskCeiling,
    summary: 'Бэк-офис: внести среднерыночное значение ПСК категории за квартал',
  },
  calendarYear: {
    method: 'GET',
    path: '/api/backoffice/legal/calendar/:year',
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    response: ZCalendarYear,
    summary: 'Бэк-офис: производственный календарь года',
  },
  replaceCalendarYear: {
    method: 'PUT',
    path: '/api/backoffice/legal/calendar/:year',
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: ZCalendarYear.omit({ year: true, stored: true }),
    response: ZCalendarYear,
    summary: 'Бэк-офис: заменить производственный календарь года',
  },
  legalOnDate: {
    method: 'GET',
    path: '/api/backoffice/legal/on/:date',
    params: z.object({ date: ZIsoDate }),
    response: ZLegalOnDate,
    summary: 'Бэк-офис: что действует на дату (правила, рабочий ли день, потолки ПСК)',
  },
} as const satisfies Record<string, Endpoint>;
