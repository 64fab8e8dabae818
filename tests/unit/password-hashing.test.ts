import { describe, expect, it } from 'vitest';
import argon2 from 'argon2';
import { hashPassword, passwordNeedsRehash, verifyPassword } from '../../src/server/security/secrets';

describe('password hashing', () => {
  it('uses argon2id with explicit parameters at or above the OWASP floor (19 MiB, t=2, p=1)', async () => {
    const hash = await hashPassword('Пароль-для-проверки-1');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    const params = Object.fromEntries(
      hash
        .split('$')[3]!
        .split(',')
        .map((kv) => kv.split('=')),
    );
    expect(params).toEqual({ m: '19456', t: '2', p: '1' });
    expect(await verifyPassword(hash, 'Пароль-для-проверки-1')).toBe(true);
    expect(await verifyPassword(hash, 'другой')).toBe(false);
    expect(passwordNeedsRehash(hash)).toBe(false);
  });

  it('still verifies a hash made with the old defaults, and says it needs a rehash', async () => {
    const old = await argon2.hash('старый-пароль-7', { type: argon2.argon2id });
    expect(await verifyPassword(old, 'старый-пароль-7')).toBe(true);
    expect(passwordNeedsRehash(old)).toBe(true);
    expect(passwordNeedsRehash('not a hash')).toBe(true);
  });

  it('hashes many passwords at once without failing (they wait in line)', async () => {
    const hashes = await Promise.all(Array.from({ length: 12 }, (_, i) => hashPassword(`пароль-${i}-x`)));
    expect(new Set(hashes).size).toBe(12);
  });
});
