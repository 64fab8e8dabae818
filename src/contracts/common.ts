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

export const ZOtpCode = z
  .string({ error: 'Введите код из СМС' })
  .trim()
  .regex(/^\d{6}$/, 'Код из СМС — 6 цифр');

export const ZPassword = z
  .string({ error: 'Введите пароль' })
  .min(8, 'Пароль должен быть не короче 8 символов')
  .max(128, 'Пароль должен быть не длиннее 128 символов');

export const ZCodeSent = z.object({
  id: ZUuid,
  phoneMasked: z.string(),
  codeLength: z.number().int(),
  resendAvailableInSec: z.number().int(),
  expiresInSec: z.number().int(),
});
export type CodeSent = z.infer<typeof ZCodeSent>;

export const ZOk = z.object({ ok: z.literal(true) });
