import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/adapters/db/database';
import { closeWalCompression, tuneCloseBatch } from '../../src/server/modules/servicing/close-repository';
import { backends, freshDatabase } from '../support/databases';

type Rows<T> = { rows: T[] };

describe.each(backends())('the close tunes its own batch transactions only (%s)', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.close());

  const show = async (name: string) =>
    ((await database.db.execute(sql.raw(`SHOW ${name}`))) as unknown as Rows<Record<string, string>>)
      .rows[0]![name];

  it('compresses its full-page images when the role may, for the batch transaction only', async () => {
    const method = await closeWalCompression(database.db);
    // The database roles of the tests are superusers: the server's best method is chosen.
    expect(method).toMatch(/^(lz4|zstd|pglz)$/);
    const inside = await database.db.transaction(async (tx) => {
      await tuneCloseBatch(tx, method);
      const rows = (await tx.execute(
        sql`SELECT current_setting('wal_compression') AS wal, current_setting('synchronous_commit') AS sync`,
      )) as unknown as Rows<{ wal: string; sync: string }>;
      return rows.rows[0]!;
    });
    expect(inside).toEqual({ wal: method, sync: 'off' });
    expect(await show('wal_compression')).toBe('off');
    expect(await show('synchronous_commit')).toBe('on');
  });

  /** What closeWalCompression says for a role made for the test (in a transaction rolled back at the end). */
  const methodForRole = async (grant: boolean) => {
    let method: string | null | undefined;
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`CREATE ROLE close_test_role NOLOGIN`);
        if (grant) await tx.execute(sql`GRANT SET ON PARAMETER wal_compression TO close_test_role`);
        await tx.execute(sql`SET LOCAL ROLE close_test_role`);
        method = await closeWalCompression(tx);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && /rollback/i.test(error.name + error.message))) throw error;
      });
    return method;
  };

  it('leaves wal_compression alone for a role that may not set it', async () => {
    expect(await methodForRole(false)).toBeNull();
  });

  it('compresses for a role granted SET on wal_compression (PostgreSQL 15+)', async () => {
    expect(await methodForRole(true)).toMatch(/^(lz4|zstd|pglz)$/);
  });
});
