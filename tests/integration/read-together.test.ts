import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTogether, type Database, type DbOrTx } from '../../src/server/adapters/db/database';
import { backends, freshDatabase } from '../support/databases';

describe.each(backends())('readTogether (%s)', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.close());

  /** Two reads that write down when they start and end, and answer 1 and 'two'. */
  const twoReads = (db: DbOrTx, log: string[]) =>
    [
      async () => {
        log.push('first starts');
        await db.execute(sql`select 1`);
        log.push('first ends');
        return 1;
      },
      async () => {
        log.push('second starts');
        await db.execute(sql`select 2`);
        log.push('second ends');
        return 'two';
      },
    ] as const;

  it('runs the reads at once on the database handle, and answers in their order', async () => {
    const log: string[] = [];
    const [one, two] = await readTogether(database.db, twoReads(database.db, log));
    expect([one, two]).toEqual([1, 'two']);
    expect(log.slice(0, 2)).toEqual(['first starts', 'second starts']);
  });

  it('runs them one after another in a transaction (its one connection, one statement at a time)', async () => {
    const log: string[] = [];
    const results = await database.db.transaction((tx) => readTogether(tx, twoReads(tx, log)));
    expect(results).toEqual([1, 'two']);
    expect(log).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it.runIf(backend === 'postgres')(
    'is needed: on PostgreSQL the tests refuse two statements at once on a transaction’s connection',
    async () => {
      const failed = await database.db
        .transaction((tx) => Promise.all(twoReads(tx, []).map((read) => read())))
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      // Drizzle wraps the driver's error as «Failed query: …» with the refusal as its cause.
      expect(failed).toMatchObject({
        cause: { message: expect.stringMatching(/Two statements at once on one PostgreSQL connection/) },
      });
    },
  );
});
