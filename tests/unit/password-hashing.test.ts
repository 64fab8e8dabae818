import { describe, expect, it } from 'vitest';
import * as argon2 from '@node-rs/argon2';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/server/project-path';
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
    // cores, hashings at once
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 3],
    [16, 15],
    [2.5, 1],
    [0, 1],
    [Number.NaN, 1],
  ])('with %s cores, hashes %s at a time (one core kept for everything else)', (cores, expected) => {
    expect(hashingConcurrency({ cores })).toBe(expected);
  });

  it("hashes off the event loop and off libuv's thread pool: timers and file reads go on during a flood", async () => {
    const flood = Array.from({ length: ARGON2_CONCURRENCY * 4 }, (_, i) => hashPassword(`наплыв-${i}-x`));
    // A file read needs four thread-pool steps (open, stat, read, close) and a timer a free event loop; were either
    // taken by hashings, it would finish only after a hash, so «first» shows them free without timing anything.
    const hashed = Promise.race(flood).then(() => 'hash');
    expect(await Promise.race([readFile(new URL(import.meta.url)).then(() => 'file'), hashed])).toBe('file');
    expect(await Promise.race([new Promise((resolve) => setTimeout(resolve, 1, 'timer')), hashed])).toBe(
      'timer',
    );
    await Promise.all(flood);
  });

  it('lets a process end on its own once its hashings are done (idle hashing threads do not hold it)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'hashing-exit-'));
    const script = join(folder, 'hash-and-end.mts');
    writeFileSync(
      script,
      [
        `import { hashPassword, verifyPassword } from ${JSON.stringify(projectPath('src/server/security/secrets.ts'))};`,
        "const hash = await hashPassword('пароль-и-выход-1');",
        "console.log(await verifyPassword(hash, 'пароль-и-выход-1'));",
      ].join('\n'),
    );
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: projectPath('.'),
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('true');
      expect(run.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
