import { describe, expect, it } from 'vitest';
import { formatPhone, maskPhone, normalizeRussianMobile, ZPhone } from '../../src/contracts';

describe('normalizeRussianMobile', () => {
  it.each([
    ['+7 912 345-67-89', '+79123456789'],
    ['+7 (912) 345-67-89', '+79123456789'],
    ['8 912 345 67 89', '+79123456789'],
    ['89123456789', '+79123456789'],
    ['79123456789', '+79123456789'],
    ['9123456789', '+79123456789'],
    ['  8(912)3456789 ', '+79123456789'],
    ['+7.912.345.67.89', '+79123456789'],
    ['+7 495 123-45-67', null], // a Moscow landline: no SMS
    ['912345678', null],
    ['+380 50 123 45 67', null],
    ['891234567890', null],
    ['+7 912 ABC-67-89', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeRussianMobile(input)).toBe(expected);
  });

  it('formats and masks the canonical form', () => {
    expect(formatPhone('+79123456789')).toBe('+7 912 345-67-89');
    expect(maskPhone('+79123456789')).toBe('+7 912 ***-**-89');
  });

  it('the schema answers in Russian', () => {
    const result = ZPhone.safeParse('12345');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Укажите российский мобильный номер: +7 9XX XXX-XX-XX');
  });
});
