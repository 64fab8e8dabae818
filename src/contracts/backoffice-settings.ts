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
} as const satisfies Record<string, Endpoint>;
