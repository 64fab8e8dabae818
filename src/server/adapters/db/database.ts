import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { sql, type SQLWrapper } from 'drizzle-orm';
import type { TypedQueryBuilder } from 'drizzle-orm/query-builders/query-builder';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { projectPath } from '../../project-path';
import * as identitySchema from './schema';
import * as loanSchema from './schema-loans';
import * as servicingSchema from './schema-servicing';
import * as jobSchema from './schema-jobs';
import * as calendarSchema from './schema-calendar';
import * as profileSchema from './schema-profile';
import * as federationSchema from './schema-federation';

const schema = {
  ...identitySchema,
  ...loanSchema,
  ...servicingSchema,
  ...jobSchema,
  ...calendarSchema,
  ...profileSchema,
  ...federationSchema,
};

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Services take either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: LISTEN on `channel` over a connection of its own; `onPayload` gets each NOTIFY payload,
   * `onReconnect` runs after the connection was lost and restored (events may have been missed meanwhile).
   * Returns the function that stops listening. PGlite has none: its callers poll.
   */
  listen?: (
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect: () => void,
  ) => Promise<() => Promise<void>>;
};

export const MIGRATIONS_FOLDER = projectPath('drizzle');
/** Any constant: serialises migrations when several API instances start at once. */
const MIGRATION_LOCK_ID = 7_345_001;

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

/** Opens the database and brings its schema up to date. PGlite for one machine, PostgreSQL for production. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ('url' in target) return openPostgres(target.url);
  const dataDir = 'dataDir' in target ? target.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // relaxedDurability stays off: a query is acknowledged only after its writes reached the file system,
  // so a killed process loses nothing it had confirmed.
  const client = new PGlite(dataDir, { relaxedDurability: false });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await client.query('select 1')),
    close: () => client.close(),
  };
}

/** The PostgreSQL driver, imported only when PostgreSQL is configured (a PGlite start-up does not pay for it). */
const loadPg = async () => (await import('pg')).default;

async function openPostgres(url: string): Promise<Database> {
  const [pg, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    loadPg(),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection can be cut by the server (restart, failover, a dropped database): without a listener the
  // pool's 'error' event would crash the process. The pool opens a new connection on the next query.
  pool.on('error', (error) => console.warn(`PostgreSQL: an idle connection was closed (${error.message})`));
  const lockClient = await pool.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migratePg(drizzlePg(lockClient), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    lockClient.release();
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => pool.end(),
    listen: (channel, onPayload, onReconnect) => listenOn(url, channel, onPayload, onReconnect),
  };
}

/** A dedicated LISTEN connection that comes back (after a second) when the server drops it. */
async function listenOn(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect: () => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  const pg = await loadPg();
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (again: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => onPayload(message.payload ?? ''));
    next.on('error', (error) => {
      console.warn(`PostgreSQL LISTEN ${channel}: ${error.message}; reconnecting`);
      void next.end().catch(() => undefined);
      if (!stopped) timer = setTimeout(() => void connect(true).catch(() => undefined), 1000);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      void next.end().catch(() => undefined);
      if (!again) throw error;
      if (!stopped) timer = setTimeout(() => void connect(true).catch(() => undefined), 1000);
      return;
    }
    if (stopped) return void (await next.end());
    client = next;
    if (again) onReconnect();
  };
  await connect(false);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => undefined);
  };
}

/**
 * Runs independent reads (`reads`: functions that start one each, so that none starts before its turn) and resolves
 * to their results in order: all at once on the database handle, each on a pool connection of its own; one after
 * another in a transaction, whose one connection runs one statement at a time (node-postgres queues the rest and
 * warns, and from pg 9 refuses them; tests/support/databases.ts fails a test that tries).
 */
export async function readTogether<const T extends readonly (() => Promise<unknown>)[]>(
  db: DbOrTx,
  reads: T,
): Promise<ReadResults<T>> {
  if (!(db instanceof PgTransaction))
    return (await Promise.all(reads.map((read) => read()))) as ReadResults<T>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as ReadResults<T>;
}

/** What readTogether resolves to: each read's result, in the reads' order. */
type ReadResults<T extends readonly (() => Promise<unknown>)[]> = {
  -readonly [K in keyof T]: Awaited<ReturnType<T[K]>>;
};

/** True when `error` (or its cause, as drizzle wraps driver errors) is a unique violation. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name } = e as { code?: string; constraint?: string };
    if (code === '23505') return constraint === undefined || name === constraint;
  }
  return false;
}

/**
 * A write built by a repository but not yet run (an INSERT or UPDATE builder of Drizzle): a use case collects a few and
 * hands them to the repository whose statement runs them along with its own (writeAlong), in one round trip.
 */
export type PendingWrite = TypedQueryBuilder<unknown> & SQLWrapper;

/**
 * The WITH clauses that run `writes` inside the one statement `db.with(...)` starts: data-modifying CTEs, so the
 * writes and the main statement commit together or not at all, even outside a transaction, in a single round trip.
 * They all see the database as it was when the statement began (none sees another's rows): use it only for writes
 * to rows the others do not read.
 */
export const writeAlong = (db: DbOrTx, writes: readonly PendingWrite[]) =>
  writes.map((write, i) => db.$with(`write_along_${i}`).as(write as never));
