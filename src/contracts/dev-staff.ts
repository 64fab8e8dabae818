import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';

/** The demo's staff members with what signing in as them takes (demo mode only: the developer page /dev/staff). */
export const ZDevStaff = z.array(
  z.object({
    login: z.string(),
    displayName: z.string(),
    role: z.enum(['specialist', 'senior', 'admin']),
    password: z.string(),
    totpSecret: z.string(),
    /** The TOTP code right now, and how many seconds it has left. */
    code: z.string(),
    secondsLeft: z.number().int(),
  }),
);
export type DevStaff = z.infer<typeof ZDevStaff>;

export const devStaffApi = {
  devStaff: {
    method: 'GET',
    path: '/api/dev/staff',
    response: ZDevStaff,
    summary: 'Демо: сотрудники бэк-офиса, их пароли, секреты TOTP и текущие коды',
  },
} as const satisfies Record<string, Endpoint>;
