import './zod-locale';
import { z } from 'zod';

/** A calendar date YYYY-MM-DD that exists (no 2024-02-31). */
export const ZIsoDate = z
  .string({ error: 'Укажите дату' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Укажите дату в формате ГГГГ-ММ-ДД')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Такой даты не существует');

export const ZUuid = z.uuid('Неверный идентификатор');

/** Control characters (NUL, line breaks, ESC, DEL, ...): never part of a field a person types on one line. */
const CONTROL = /\p{Cc}/u;

/**
 * Free text from outside the system, one line: trimmed, at most `max` characters, no control characters
 * (PostgreSQL refuses a NUL byte in text, so it must never reach a query). 400 VALIDATION_FAILED otherwise.
 * `what` names the field in the messages («Кем выдан»).
 */
export const ZText = (max: number, what = 'Поле') =>
  z
    .string({ error: `${what}: укажите значение` })
    .trim()
    .max(max, `${what}: не длиннее ${max} символов`)
    .refine((s) => !CONTROL.test(s), `${what}: недопустимые символы`);

/** A short identifier from a fixed list or an external system (a product, a bank): letters, digits, `_.:-`. */
export const ZSlug = (what = 'Идентификатор') =>
  z
    .string({ error: `${what}: укажите значение` })
    .max(64, `${what}: не длиннее 64 символов`)
    .regex(/^[A-Za-z0-9_.:-]*$/, `${what}: недопустимые символы`);

export const ZOtpCode = z
  .string({ error: 'Введите код из СМС' })
  .trim()
  .regex(/^\d{6}$/, 'Код из СМС — 6 цифр');

export const ZPassword = z
  .string({ error: 'Введите пароль' })
  .min(8, 'Пароль должен быть не короче 8 символов')
  .max(128, 'Пароль должен быть не длиннее 128 символов')
  .refine((s) => !CONTROL.test(s), 'Пароль: недопустимые символы');

/** A password as typed at sign-in: not trimmed, 1–128 characters, no control characters. */
export const ZPasswordAttempt = z
  .string({ error: 'Введите пароль' })
  .min(1, 'Введите пароль')
  .max(128, 'Пароль должен быть не длиннее 128 символов')
  .refine((s) => !CONTROL.test(s), 'Пароль: недопустимые символы');

export const ZCodeSent = z.object({
  id: ZUuid,
  phoneMasked: z.string(),
  codeLength: z.number().int(),
  resendAvailableInSec: z.number().int(),
  expiresInSec: z.number().int(),
});
export type CodeSent = z.infer<typeof ZCodeSent>;

export const ZOk = z.object({ ok: z.literal(true) });
