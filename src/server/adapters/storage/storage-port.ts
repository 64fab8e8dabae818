import { ProviderError } from '../provider-error';

/**
 * Where files (attachments of support conversations) are kept: a key → bytes store. Keys are made by the server
 * (`support/<conversation id>/<attachment id>`), never by a user; the database keeps the key, the size, the type
 * and the SHA-256. A file is written once and never overwritten or deleted by the application (a regulated record).
 */
export interface StoragePort {
  /** Stores `bytes` under `key`. Throws StorageError when the store cannot take it. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`, or null when there are none. Throws StorageError when the store cannot answer. */
  get(key: string): Promise<Buffer | null>;
}

/** A failure of the file store (a full disk, the S3-compatible service down or refusing). */
export class StorageError extends ProviderError {}

/** Keys the server makes: lowercase letters, digits, `-`, `_`, `.`, and `/` between parts; no `..`. */
export function checkStorageKey(key: string): string {
  if (!/^[a-z0-9_-][a-z0-9._-]*(\/[a-z0-9_-][a-z0-9._-]*)*$/.test(key) || key.includes('..'))
    throw new StorageError(`bad storage key ${JSON.stringify(key)}`, false, 'storage');
  return key;
}

/** The in-memory store of unit tests. */
export class MemoryStorage implements StoragePort {
  readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  async put(key: string, bytes: Buffer, contentType: string) {
    this.files.set(checkStorageKey(key), { bytes: Buffer.from(bytes), contentType });
  }
  async get(key: string) {
    return this.files.get(checkStorageKey(key))?.bytes ?? null;
  }
}
