import './zod-locale';
import { z } from 'zod';

/**
 * Russian mobile numbers in any common notation: +7 912 345-67-89, 8 (912) 3456789, 79123456789, 9123456789.
 * Returns the canonical +7XXXXXXXXXX or null. Mobile numbers only (the ninth numbering zone), since
 * the account is bound to SMS.
 */
export function normalizeRussianMobile(input: string): string | null {
  if (!/^[\d\s()+\-.]+$/.test(input.trim())) return null;
  let digits = input.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) digits = digits.slice(1);
  if (digits.length !== 10 || !digits.startsWith('9')) return null;
  return `+7${digits}`;
}

/** +79123456789 → +7 912 ***-**-89: safe for logs and screens that do not need the whole number. */
export function maskPhone(phone: string): string {
  const d = phone.replace(/\D/g, '').slice(-10);
  return `+7 ${d.slice(0, 3)} ***-**-${d.slice(8)}`;
}

// Formatting lives in a module without Zod, so the web's first page can show a phone number without the schemas.
export { formatPhone } from './phone-text';

export const ZPhone = z
  .string({ error: 'Укажите номер телефона' })
  .trim()
  .min(1, 'Укажите номер телефона')
  .max(32, 'Укажите российский мобильный номер: +7 9XX XXX-XX-XX')
  .transform((value, ctx) => {
    const phone = normalizeRussianMobile(value);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: 'Укажите российский мобильный номер: +7 9XX XXX-XX-XX' });
      return z.NEVER;
    }
    return phone;
  })
  .describe('Российский мобильный номер в любой записи; хранится как +7XXXXXXXXXX');
