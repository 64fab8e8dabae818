import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';
import { ZOk } from './common';

/**
 * The back office's HTTP API (`/api/backoffice/...`): a table of its own, imported only by the back-office web
 * entry and the server, so borrowers never download it.
 */

/** Roles of the back office (the server's actor.ts holds the same list). */
export const ZStaffRole = z.enum(['specialist', 'senior', 'admin']);
export type StaffRole = z.infer<typeof ZStaffRole>;

/** Russian names of the roles, for screens. */
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  specialist: 'Специалист',
  senior: 'Старший специалист',
  admin: 'Администратор',
};

/** The signed-in staff member and what their role may do (the permission names of the server's map). */
export const ZStaffMe = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: ZStaffRole,
  permissions: z.array(z.string()),
});
export type StaffMe = z.infer<typeof ZStaffMe>;

export const backofficeApi = {
  staffMe: {
    method: 'GET',
    path: '/api/backoffice/me',
    response: ZStaffMe,
    summary: 'Бэк-офис: кто вошёл и что ему можно',
  },
  staffSignOut: {
    method: 'POST',
    path: '/api/backoffice/sign-out',
    response: ZOk,
    summary: 'Бэк-офис: выйти',
  },
} as const satisfies Record<string, Endpoint>;
