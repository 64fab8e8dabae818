import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/adapters/db/database';

export type Backend = 'pglite' | 'postgres';

/**
 * One PostgreSQL connection runs one statement at a time. node-postgres queues a second one sent before the first has
 * answered, warns once per process, and from pg 9 will refuse it: a Promise.all over a transaction's reads did that
 * unseen. Here such a call fails the test that makes it, every time.
 */
function refuseTwoStatementsAtOnceOnOneConnection() {
  type ClientInternals = {
    _activeQuery?: unknown;
    _queryQueue?: unknown[];
    query: (...args: unknown[]) => unknown;
  };
  // Read from node-postgres' own fields: should a release rename them, this says so instead of checking nothing.
  const probe = new pg.Client() as unknown as ClientInternals;
  if (!('_activeQuery' in probe) || !Array.isArray(probe._queryQueue))
    throw new Error('node-postgres has no _activeQuery/_queryQueue any more: update this guard');
  const client = pg.Client.prototype as unknown as ClientInternals;
  const query = client.query;
  const text = (first: unknown) => (typeof first === 'string' ? first : (first as { text?: string })?.text);
  client.query = function (this: ClientInternals, ...args: unknown[]) {
    const busy = this._activeQuery || (this._queryQueue?.length ?? 0) > 0;
    // The ROLLBACK of a transaction that failed here is let through (queued), so the connection goes back clean.
    if (busy && !/^\s*rollback\b/i.test(text(args[0]) ?? ''))
      throw new Error('Two statements at once on one PostgreSQL connection (Promise.all in a transaction?)');
    return query.apply(this, args);
  };
}
refuseTwoStatementsAtOnceOnOneConnection();

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const backends = (): Backend[] => (process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']);

/** The backend HTTP tests run on: PostgreSQL when available, as production does. */
export const primaryBackend = (): Backend => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database on the
 * DATABASE_URL server, dropped again by `close`.
 */
export async function freshDatabase(backend: Backend): Promise<Database> {
  const { database, drop } = await freshDatabaseWithTarget(backend);
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/**
 * Like freshDatabase, and says where it lives (`env` for another process, which may open it once this one has
 * closed it); closing does not drop it, `drop` does.
 */
export async function freshDatabaseWithTarget(
  backend: Backend,
  pgliteDir?: string,
): Promise<{ database: Database; env: Record<string, string>; drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const database = await openDatabase(pgliteDir ? { dataDir: pgliteDir } : { memory: true });
    return {
      database,
      env: pgliteDir ? { DATA_DIR: pgliteDir, DATABASE_URL: '' } : {},
      drop: async () => {},
    };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const name = `lk_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  return { env: { DATABASE_URL: url.toString() }, database, drop: () => dropDatabase(serverUrl, name) };
}

async function dropDatabase(serverUrl: string, name: string) {
  const dropper = new pg.Client({ connectionString: serverUrl });
  await dropper.connect();
  await dropper.query(`drop database if exists ${name} with (force)`);
  await dropper.end();
}
