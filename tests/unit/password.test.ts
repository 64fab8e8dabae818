import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../src/domain/password';

describe('checkPassword', () => {
  const phone = '+79123456789';
  it.each([
    ['Vesna!2026', true],
    ['зимний-вечер-7', true],
    ['mfoLK-secure-1', true],
    ['short1!', false], // 7 characters
    ['password', false],
    ['qwerty123', false],
    ['12345678', false],
    ['Password1', false],
    ['abcdefgh', false],
    ['x3456789x', false], // contains the phone's last seven digits
    ['+79123456789', false],
  ])('%s → %s', async (password, ok) => {
    expect((await checkPassword(password, phone)).ok).toBe(ok);
  });

  it('says why in Russian', async () => {
    expect(await checkPassword('password', phone)).toEqual({
      ok: false,
      message: 'Этот пароль слишком распространён — придумайте другой',
    });
  });
});
