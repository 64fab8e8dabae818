import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  randomInt,
} from 'node:crypto';
import { availableParallelism } from 'node:os';
import type * as Argon2 from '@node-rs/argon2';
import type { Piscina } from 'piscina';
import { projectPath } from '../project-path';

/**
 * Field encryption for identifiers at rest (AES-256-GCM) and a keyed hash beside them for lookups.
 * Ciphertext format: `v1.<iv>.<tag>.<data>` in base64url, so the key can be rotated later by version.
 */
export class FieldCipher {
  constructor(
    private readonly encryptionKey: Buffer,
    private readonly hashKey: Buffer,
  ) {}

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(encrypted: string): string {
    const [version, iv, tag, data] = encrypted.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Deterministic keyed hash: equal inputs give equal hashes, and without the key nothing can be guessed. */
  keyedHash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value, 'utf8').digest('base64url');
  }
}

export const sha256 = (value: string): string =>
  createHash('sha256').update(value, 'utf8').digest('base64url');

/** 256 bits of randomness for cookies and tokens. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const newNumericCode = (length: number): string =>
  Array.from({ length }, () => String(randomInt(10))).join('');

/** argon2id in @node-rs/argon2's `Algorithm` (a const enum its types declare, which esbuild cannot inline). */
const ARGON2ID = 2 satisfies Argon2.Algorithm.Argon2id;
/** Version 0x13 (19) in @node-rs/argon2's `Version` (a const enum too): the version every argon2 hash of ours has. */
const ARGON2_VERSION_0X13 = 1 satisfies Argon2.Version.V0x13;

/**
 * argon2id parameters, set explicitly: 19 MiB (`memoryCost` in KiB), 2 passes, 1 lane — OWASP's Password Storage
 * Cheat Sheet floor (node-argon2's defaults, 64 MiB × 4 lanes, let a hundred sign-ins in flight hold 6.4 GB).
 * Hashed by @node-rs/argon2 (the RustCrypto implementation): the same PHC strings as node-argon2's, which this
 * project used before, verified either way, in 9 ms instead of 20–22 on the bench's machine (README «Performance»).
 */
export const ARGON2_PARAMS = {
  algorithm: ARGON2ID,
  version: ARGON2_VERSION_0X13,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Cores no hashing runs on: the event loop, PostgreSQL beside it and the rest of the machine keep one whatever the
 * sign-in load.
 */
const CORES_KEPT_FOR_SERVING = 1;

/**
 * How many argon2 hashings may run at once: one per core but one, at least one (`cores`: availableParallelism()).
 * A hashing streams its 19 MiB through the caches. On the bench's 2-core machine (README «Performance») a second
 * hashing beside the first added only a fifth to a third to the raw verifies a second (two times 19 MiB is more
 * than its 32 MiB of L3), took the second core from every other request, and made everything else a sign-in does
 * (HTTP, its two statements, the cookies) two to three times as costly. With one core kept, sign-ins a second were
 * about the same (171–184 against 183–188.5 in interleaved runs) and the dashboard's p99 during a sign-in flood
 * fell from 22–25 ms to 16–20 ms. A larger machine hashes on all its cores but one.
 */
export function hashingConcurrency(input: { cores: number }): number {
  const cores = Number.isFinite(input.cores) ? Math.floor(input.cores) : 1;
  return Math.max(1, cores - CORES_KEPT_FOR_SERVING);
}

/**
 * At most this many hashings run at once (hashingConcurrency for this machine), each in a worker thread of its own;
 * the rest wait in line, so a flood of sign-ins costs time, never more than ARGON2_CONCURRENCY × 19 MiB of memory,
 * and never libuv's thread pool (file reads, DNS lookups and zlib) nor the event loop.
 */
export const ARGON2_CONCURRENCY = hashingConcurrency({ cores: availableParallelism() });

/** What a hashing thread is asked: the shapes src/server/security/argon2-worker.mjs takes. */
type HashingTask =
  | { op: 'hash'; password: string; params: typeof ARGON2_PARAMS }
  | { op: 'verify'; hash: string; password: string };
/** What the thread answers: a hash's PHC string, or whether a password matched. */
type HashingAnswer<Task extends HashingTask> = Task extends { op: 'hash' } ? string : boolean;

/**
 * Hashing threads (Piscina, loaded and started at the first hashing: a restart waits for neither), each given two
 * tasks at a time: the next password already waits in the thread when a hashing ends, so the thread goes on at once
 * instead of waiting for the event loop to hand it over (through @node-rs/argon2's own asynchronous calls on libuv's
 * pool, each verify waited 0.5–1 ms for a busy main thread). A thread still hashes one password at a time: its
 * memory stays at 19 MiB. Idle threads do not keep the process alive.
 */
let hashingPool: Promise<Piscina> | undefined;
const hashingThreads = (): Promise<Piscina> =>
  (hashingPool ??= import('piscina').then(
    ({ Piscina }) =>
      new Piscina({
        filename: projectPath('src/server/security/argon2-worker.mjs'),
        minThreads: ARGON2_CONCURRENCY,
        maxThreads: ARGON2_CONCURRENCY,
        concurrentTasksPerWorker: 2,
      }),
  ));

let hashingsInLine = 0;
async function hashing<Task extends HashingTask>(task: Task): Promise<HashingAnswer<Task>> {
  hashingsInLine++;
  try {
    return (await (await hashingThreads()).run(task)) as HashingAnswer<Task>;
  } finally {
    hashingsInLine--;
  }
}

/**
 * Hashings running or waiting in the line now (0 when idle): how deep a sign-in flood is, and what the bench waits
 * to see drained before it times its next figure (requests a load generator gave up on are still hashed).
 */
export const hashingBacklog = (): number => hashingsInLine;

/** An argon2id hash of the password (PHC string with ARGON2_PARAMS), made in a hashing thread. */
export const hashPassword = (password: string): Promise<string> =>
  hashing({ op: 'hash', password, params: ARGON2_PARAMS });

/**
 * Whether the password matches the hash (whatever parameters the hash was made with), checked in a hashing thread;
 * false for a broken hash.
 */
export const verifyPassword = (hash: string, password: string): Promise<boolean> =>
  hashing({ op: 'verify', hash, password });

/** @node-rs/argon2 on the main thread, loaded at its first use, for reading a hash's parameters (no hashing). */
let argon2Module: Promise<typeof Argon2> | undefined;
const argon2 = (): Promise<typeof Argon2> => (argon2Module ??= import('@node-rs/argon2'));

/**
 * Whether a stored hash was made with other parameters than today's ARGON2_PARAMS (algorithm, version, memory,
 * passes, lanes; true for a string that is no argon2 hash): rehash it at the next successful sign-in.
 */
export const passwordNeedsRehash = async (hash: string): Promise<boolean> => {
  const { parseOptions } = await argon2();
  try {
    const made = parseOptions(hash);
    return (
      made.algorithm !== ARGON2_PARAMS.algorithm ||
      made.version !== ARGON2_PARAMS.version ||
      made.memoryCost !== ARGON2_PARAMS.memoryCost ||
      made.timeCost !== ARGON2_PARAMS.timeCost ||
      made.parallelism !== ARGON2_PARAMS.parallelism
    );
  } catch {
    return true;
  }
};

/** A hash to verify against when the account does not exist, so the timing does not tell. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword(newToken()));
