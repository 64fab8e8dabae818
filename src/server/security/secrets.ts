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
import pLimit from 'p-limit';
import { libuvThreadpoolSize } from '../config';

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

/** libuv's thread pool when UV_THREADPOOL_SIZE does not say otherwise (Node.js documentation, «UV_THREADPOOL_SIZE»). */
const LIBUV_DEFAULT_THREADPOOL_SIZE = 4;
/** Thread-pool threads hashing never takes: file reads, DNS lookups and zlib go on while a flood of sign-ins waits. */
const THREADPOOL_THREADS_KEPT_FREE = 2;

/**
 * How many argon2 hashings may run at once: one per core (more only adds context switches and 19 MiB each), and
 * never so many that libuv's thread pool (`threadpoolSize` threads, shared with every file read, DNS lookup and
 * zlib call of the process) has fewer than two threads left; at least one. Before this bound, four hashings filled
 * the default pool of four, and during a sign-in flood every static file waited for a hash (78 ms per read measured
 * on the 2-core machine). A larger machine hashes more in parallel once UV_THREADPOOL_SIZE is raised with it.
 */
export function hashingConcurrency(input: { cores: number; threadpoolSize: number }): number {
  const cores = Number.isFinite(input.cores) ? Math.floor(input.cores) : 1;
  const pool = Number.isFinite(input.threadpoolSize)
    ? Math.floor(input.threadpoolSize)
    : LIBUV_DEFAULT_THREADPOOL_SIZE;
  return Math.max(1, Math.min(cores, pool - THREADPOOL_THREADS_KEPT_FREE));
}

/**
 * At most this many hashings run at once (hashingConcurrency for this machine and thread pool); the rest wait in
 * line, so a flood of sign-ins costs time, never more than ARGON2_CONCURRENCY × 19 MiB of memory, and never the
 * thread pool the rest of the process needs.
 */
export const ARGON2_CONCURRENCY = hashingConcurrency({
  cores: availableParallelism(),
  threadpoolSize: libuvThreadpoolSize() ?? LIBUV_DEFAULT_THREADPOOL_SIZE,
});
const hashingLine = pLimit(ARGON2_CONCURRENCY);

/** @node-rs/argon2, loaded at the first hashing: a restart does not wait for the native addon (about 11 ms). */
let argon2Module: Promise<typeof Argon2> | undefined;
const argon2 = (): Promise<typeof Argon2> => (argon2Module ??= import('@node-rs/argon2'));

/**
 * Hashings running or waiting in the line now (0 when idle): how deep a sign-in flood is, and what the bench waits
 * to see drained before it times its next figure (requests a load generator gave up on are still hashed).
 */
export const hashingBacklog = (): number => hashingLine.activeCount + hashingLine.pendingCount;

/** An argon2id hash of the password (PHC string with its parameters). */
export const hashPassword = (password: string): Promise<string> =>
  hashingLine(async () => (await argon2()).hash(password, ARGON2_PARAMS));

/** Whether the password matches the hash (whatever parameters the hash was made with); false for a broken hash. */
export const verifyPassword = (hash: string, password: string): Promise<boolean> =>
  hashingLine(async () => (await argon2()).verify(hash, password).catch(() => false));

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
