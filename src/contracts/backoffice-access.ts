import './zod-locale';
import { z } from 'zod';
import type { Endpoint } from './api';
import { ZStaffMe, ZStaffRole } from './backoffice';

/**
 * Staff sign-in (login + password + TOTP, with enrolment at the first sign-in) and staff management by admins:
 * the back office's access endpoints (`/api/backoffice/...`). Not re-exported from contracts/index.ts.
 */

/** A staff login: 3–40 latin letters, digits, dots, dashes, underscores; compared in lower case. */
export const ZStaffLogin = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'Логин: 3–40 латинских букв, цифр, точек, дефисов или подчёркиваний');

/** The sign-in form: `code` is the 6-digit TOTP code; empty at the first sign-in (enrolment not yet done). */
export const ZStaffSignIn = z.object({
  login: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
  code: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, 'Код — 6 цифр')
    .optional(),
});
export type StaffSignIn = z.infer<typeof ZStaffSignIn>;

/**
 * The sign-in's answer: signed in (the session cookie is set), or the enrolment step of a member without a confirmed
 * TOTP: the otpauth:// URI, the same as a QR code (PNG data URL) and the base32 secret for typing by hand. The member
 * confirms by sending the same login and password with the first code.
 */
export const ZStaffSignInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), me: ZStaffMe }),
  z.object({
    status: z.literal('enrolment'),
    otpauthUri: z.string(),
    qrDataUrl: z.string(),
    secret: z.string(),
  }),
]);
export type StaffSignInResult = z.infer<typeof ZStaffSignInResult>;

/** A staff member as the admins' list shows them (no hashes, no secrets). */
export const ZStaffMember = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: ZStaffRole,
  status: z.enum(['active', 'blocked']),
  totpEnrolled: z.boolean(),
  createdAt: z.string(),
});
export type StaffMember = z.infer<typeof ZStaffMember>;

export const ZCreateStaff = z.object({
  login: ZStaffLogin,
  displayName: z.string().trim().min(1).max(120),
  role: ZStaffRole,
});

/** A new member (or a reset) with the generated password: shown once, never stored in clear. */
export const ZStaffCreated = z.object({ member: ZStaffMember, password: z.string() });

const ZStaffId = z.object({ id: z.uuid() });

export const accessApi = {
  staffSignIn: {
    method: 'POST',
    path: '/api/backoffice/sign-in',
    body: ZStaffSignIn,
    response: ZStaffSignInResult,
    summary: 'Бэк-офис: вход по логину, паролю и коду TOTP (или шаг подключения аутентификатора)',
  },
  staffList: {
    method: 'GET',
    path: '/api/backoffice/staff',
    response: z.array(ZStaffMember),
    summary: 'Бэк-офис: сотрудники',
  },
  staffCreate: {
    method: 'POST',
    path: '/api/backoffice/staff',
    body: ZCreateStaff,
    response: ZStaffCreated,
    status: 201,
    summary: 'Бэк-офис: создать сотрудника (пароль показывается один раз)',
  },
  staffBlock: {
    method: 'POST',
    path: '/api/backoffice/staff/:id/block',
    params: ZStaffId,
    response: ZStaffMember,
    summary: 'Бэк-офис: заблокировать сотрудника (его сеансы завершаются)',
  },
  staffUnblock: {
    method: 'POST',
    path: '/api/backoffice/staff/:id/unblock',
    params: ZStaffId,
    response: ZStaffMember,
    summary: 'Бэк-офис: разблокировать сотрудника',
  },
  staffResetTotp: {
    method: 'POST',
    path: '/api/backoffice/staff/:id/reset-totp',
    params: ZStaffId,
    response: ZStaffMember,
    summary: 'Бэк-офис: сбросить аутентификатор (подключение заново при следующем входе)',
  },
  staffChangeRole: {
    method: 'POST',
    path: '/api/backoffice/staff/:id/role',
    params: ZStaffId,
    body: z.object({ role: ZStaffRole }),
    response: ZStaffMember,
    summary: 'Бэк-офис: сменить роль сотрудника',
  },
} as const satisfies Record<string, Endpoint>;
