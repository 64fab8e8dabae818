/**
 * A short-lived, in-process cache of live borrower sessions by token hash, so the dashboard and every other
 * borrower request need not read `sessions` each time. Rules that keep it safe:
 * - an entry is used for at most SESSION_CACHE_MS (real time) after it was read from the database;
 * - any session ending on this instance (endSessions: sign-out, «end other sessions», password reset, phone change,
 *   staff action, expiry) empties the cache AND turns it off for SESSION_CACHE_MS, so a session ended here stops
 *   working at once, even if its ending commits a moment later inside a longer transaction;
 * - a session ended on ANOTHER instance stops working here within SESSION_CACHE_MS at most;
 * - the idle and absolute expiry are still checked on every request against the cached times (a cached entry never
 *   outlives the session), and whenever a touch is due the database is read again.
 */

/** How long a cached session may be used without reading the database again (and the cross-instance bound). */
export const SESSION_CACHE_MS = 5_000;
/** Entries kept at most per database; past that the cache starts over (a flood of distinct tokens costs nothing). */
const MAX_ENTRIES = 10_000;

/** What the cache keeps of a session row. */
export type CachedSession = {
  sessionId: string;
  borrowerId: string;
  lastSeenAt: Date;
  expiresAt: Date;
};

type Entry = CachedSession & { readAt: number; generation: number };

const caches = new WeakMap<object, Map<string, Entry>>();
let generation = 0;
let offUntil = 0;

const cacheOf = (db: object) => {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
};

/** The cached session of `tokenHash` in database `db` if fresh, else undefined. */
export function cachedSession(db: object, tokenHash: string): CachedSession | undefined {
  const entry = caches.get(db)?.get(tokenHash);
  if (!entry) return undefined;
  if (entry.generation !== generation || performance.now() - entry.readAt > SESSION_CACHE_MS) {
    caches.get(db)?.delete(tokenHash);
    return undefined;
  }
  return entry;
}

/**
 * Remembers a session just read from (or touched in) the database. `readGeneration` is sessionCacheGeneration()
 * taken BEFORE the read: an ending that happened meanwhile makes the read stale and it is not kept.
 */
export function rememberSession(
  db: object,
  tokenHash: string,
  session: CachedSession,
  readGeneration: number,
): void {
  if (readGeneration !== generation || performance.now() < offUntil) return;
  const cache = cacheOf(db);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(tokenHash, { ...session, readAt: performance.now(), generation });
}

/** The current generation (see rememberSession). */
export const sessionCacheGeneration = (): number => generation;

/**
 * Forgets every cached session of every database in this process and caches none for SESSION_CACHE_MS: called
 * whenever sessions end (endSessions), whichever they are.
 */
export function forgetCachedSessions(): void {
  generation++;
  offUntil = performance.now() + SESSION_CACHE_MS;
}
