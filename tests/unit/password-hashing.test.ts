import { describe, expect, it } from 'vitest';
import * as argon2 from '@node-rs/argon2';
import { readFile } from 'node:fs/promises';
import { libuvThreadpoolSize } from '../../src/server/config';
import {
  ARGON2_CONCURRENCY,
  ARGON2_PARAMS,
  hashingBacklog,
  hashingConcurrency,
  hashPassword,
  passwordNeedsRehash,
  verifyPassword,
} from '../../src/server/security/secrets';
import { hashWithFormerDefaults } from '../support/passwords';

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
    expect(await passwordNeedsRehash(hash)).toBe(false);
  });

  it('still verifies a hash made with the old defaults, and says it needs a rehash', async () => {
    const old = await hashWithFormerDefaults('старый-пароль-7');
    expect(await verifyPassword(old, 'старый-пароль-7')).toBe(true);
    expect(await passwordNeedsRehash(old)).toBe(true);
    expect(await passwordNeedsRehash('not a hash')).toBe(true);
    expect(await verifyPassword('not a hash', 'старый-пароль-7')).toBe(false);
  });

  it('verifies the hashes node-argon2 stored before the switch, and keeps them (same parameters, other order)', async () => {
    // Made by node-argon2 0.45.1 with ARGON2_PARAMS: it writes the parameters as m, p, t; @node-rs/argon2 as m, t, p.
    const stored =
      '$argon2id$v=19$m=19456,p=1,t=2$4UFwgcwgQdpZuSouLaBlbw$++sakHfR3dnzXMDR4V/NYH8GCK6LiSlV4k2IeWBs2ck';
    expect(await verifyPassword(stored, 'Vesna!2026-lk')).toBe(true);
    expect(await verifyPassword(stored, 'Vesna!2026-lK')).toBe(false);
    expect(await passwordNeedsRehash(stored)).toBe(false);
  });

  it.each([
    ['argon2i', { algorithm: 1 as argon2.Algorithm.Argon2i }],
    ['argon2d', { algorithm: 0 as argon2.Algorithm.Argon2d }],
    ['version 0x10', { version: 0 as argon2.Version.V0x10 }],
    ['24 MiB', { memoryCost: 24_576 }],
    ['3 passes', { timeCost: 3 }],
    ['2 lanes', { parallelism: 2 }],
  ])('says a hash made with %s needs a rehash', async (_, change) => {
    const made = await argon2.hash('пароль-на-смену-3', { ...ARGON2_PARAMS, ...change });
    expect(await verifyPassword(made, 'пароль-на-смену-3')).toBe(true);
    expect(await passwordNeedsRehash(made)).toBe(true);
  });

  it('hashes many passwords at once without failing (they wait in line), and the line tells its depth', async () => {
    expect(hashingBacklog()).toBe(0);
    const flood = Promise.all(Array.from({ length: 12 }, (_, i) => hashPassword(`пароль-${i}-x`)));
    // Running and waiting alike are counted: at most ARGON2_CONCURRENCY run, the rest wait.
    expect(hashingBacklog()).toBe(12);
    const hashes = await flood;
    expect(new Set(hashes).size).toBe(12);
    expect(hashingBacklog()).toBe(0);
  });

  it.each([
    // cores, UV_THREADPOOL_SIZE, hashings at once
    [2, 4, 2],
    [4, 4, 2],
    [8, 4, 2],
    [8, 16, 8],
    [16, 10, 8],
    [1, 4, 1],
    [4, 2, 1],
    [4, 1, 1],
    [Number.NaN, 4, 1],
    [4, Number.NaN, 2],
  ])('with %s cores and a thread pool of %s, hashes %s at a time', (cores, threadpoolSize, expected) => {
    expect(hashingConcurrency({ cores, threadpoolSize })).toBe(expected);
  });

  it.each([
    ['8', 8],
    ['1', 1],
    ['0', undefined],
    ['-2', undefined],
    ['2.5', undefined],
    ['восемь', undefined],
    [undefined, undefined],
  ])('reads UV_THREADPOOL_SIZE=%s as %s', (value, expected) => {
    expect(libuvThreadpoolSize({ UV_THREADPOOL_SIZE: value })).toBe(expected);
  });

  it('leaves the thread pool free for file reads while a flood of hashings waits in line', async () => {
    expect(ARGON2_CONCURRENCY).toBeLessThanOrEqual(2); // libuv's default pool of 4, two kept free
    const flood = Array.from({ length: ARGON2_CONCURRENCY * 4 }, (_, i) => hashPassword(`наплыв-${i}-x`));
    // A file read needs four thread-pool steps (open, stat, read, close); with the pool full of hashings it would
    // finish only after a hash, so «the file first» shows free threads without timing anything.
    const first = await Promise.race([
      readFile(new URL(import.meta.url)).then(() => 'file'),
      Promise.race(flood).then(() => 'hash'),
    ]);
    expect(first).toBe('file');
    await Promise.all(flood);
  });
});
