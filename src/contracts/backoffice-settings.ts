import { z } from 'zod';
import type { Endpoint } from './api';
import { ZText } from './common';

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
} as const satisfies Record<string, Endpoint>;
