import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/adapters/db/database';
import { journalEntries, ledgerAccounts, postings } from '../../src/server/adapters/db/schema-loans';
import { backends, freshDatabase } from '../support/databases';

describe.each(backends())('the ledger enforces its rules in the database (%s)', (backend) => {
  let database: Database;
  let bank: string;
  let other: string;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    const rows = await database.db
      .insert(ledgerAccounts)
      .values([
        { loanId: null, code: 'bank' },
        { loanId: null, code: 'overpayment' },
      ])
      .returning({ id: ledgerAccounts.id });
    [bank, other] = rows.map((r) => r.id) as [string, string];
  });
  afterAll(() => database.close());

  const entry = (key: string, amounts: bigint[]) =>
    database.db.transaction(async (tx) => {
      const [e] = await tx
        .insert(journalEntries)
        .values({ kind: 'test', idempotencyKey: key, businessDate: '2026-11-24' })
        .returning({ id: journalEntries.id });
      // An entry's postings are written in one statement (as book() does): the balance is checked per statement.
      if (amounts.length > 0)
        await tx
          .insert(postings)
          .values(amounts.map((amount, i) => ({ entryId: e!.id, accountId: i % 2 ? other : bank, amount })));
      return e!.id;
    });

  it('accepts a balanced entry', async () => {
    await expect(entry('balanced', [100n, -100n])).resolves.toBeTypeOf('string');
  });

  it.each([
    ['an unbalanced entry', [100n, -99n]],
    ['a one-line entry', [0n]],
    ['an entry without postings', []],
  ])('refuses %s at commit', async (_name, amounts) => {
    await expect(entry(`bad-${amounts.join('_')}`, amounts)).rejects.toThrow();
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(journalEntries)
      .where(eq(journalEntries.idempotencyKey, `bad-${amounts.join('_')}`));
    expect(row!.n).toBe(0);
  });

  it('refuses postings written one by one that do not balance statement by statement', async () => {
    const piecewise = database.db.transaction(async (tx) => {
      const [e] = await tx
        .insert(journalEntries)
        .values({ kind: 'test', idempotencyKey: 'piecewise', businessDate: '2026-11-24' })
        .returning({ id: journalEntries.id });
      await tx.insert(postings).values({ entryId: e!.id, accountId: bank, amount: 7n });
      await tx.insert(postings).values({ entryId: e!.id, accountId: other, amount: -7n });
    });
    await expect(piecewise).rejects.toThrow();
  });

  it('refuses to change or delete what was booked', async () => {
    const id = await entry('immutable', [5n, -5n]);
    await expect(
      database.db.update(postings).set({ amount: 6n }).where(eq(postings.entryId, id)),
    ).rejects.toThrow();
    await expect(database.db.delete(postings).where(eq(postings.entryId, id))).rejects.toThrow();
    await expect(database.db.delete(journalEntries).where(eq(journalEntries.id, id))).rejects.toThrow();
  });

  it('refuses postings naming an entry or an account that does not exist (checked per statement)', async () => {
    const nowhere = '00000000-0000-4000-8000-000000000000';
    const orphan = database.db.transaction(async (tx) => {
      await tx.insert(postings).values([
        { entryId: nowhere, accountId: bank, amount: 3n },
        { entryId: nowhere, accountId: other, amount: -3n },
      ]);
    });
    await expect(orphan).rejects.toThrow();
    const noAccount = database.db.transaction(async (tx) => {
      const [e] = await tx
        .insert(journalEntries)
        .values({ kind: 'test', idempotencyKey: 'no-account', businessDate: '2026-11-24' })
        .returning({ id: journalEntries.id });
      await tx.insert(postings).values([
        { entryId: e!.id, accountId: bank, amount: 3n },
        { entryId: e!.id, accountId: nowhere, amount: -3n },
      ]);
    });
    await expect(noAccount).rejects.toThrow();
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(journalEntries)
      .where(eq(journalEntries.idempotencyKey, 'no-account'));
    expect(row!.n).toBe(0);
  });

  it('refuses postings added to an entry another transaction wrote, even balanced ones (a booked entry never changes)', async () => {
    const id = await entry('closed-entry', [6n, -6n]);
    const later = database.db.transaction(async (tx) => {
      await tx.insert(postings).values([
        { entryId: id, accountId: bank, amount: 2n },
        { entryId: id, accountId: other, amount: -2n },
      ]);
    });
    await expect(later).rejects.toThrow();
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(postings)
      .where(eq(postings.entryId, id));
    expect(row!.n).toBe(2);
  });

  it('refuses a zero posting, even in an entry that balances', async () => {
    await expect(entry('with-zero', [3n, -3n, 0n])).rejects.toThrow();
  });

  it('refuses an entry naming a loan that does not exist (checked per statement), and loans are never deleted', async () => {
    const nowhere = '00000000-0000-4000-8000-000000000001';
    const noLoan = database.db.transaction(async (tx) => {
      const [e] = await tx
        .insert(journalEntries)
        .values({ kind: 'test', loanId: nowhere, idempotencyKey: 'no-loan', businessDate: '2026-11-24' })
        .returning({ id: journalEntries.id });
      await tx.insert(postings).values([
        { entryId: e!.id, accountId: bank, amount: 3n },
        { entryId: e!.id, accountId: other, amount: -3n },
      ]);
    });
    // Drizzle wraps the database's error: its own message is the cause's.
    const reason = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(await reason(noLoan)).toMatch(/names loan .* which does not exist/);
    expect(await reason(database.db.execute(sql`DELETE FROM loans`))).toMatch(/loans are never deleted/);
  });

  it('checks every entry of a many-entry statement at commit, and SET CONSTRAINTS still names the check', async () => {
    // Three entries in one INSERT (as the nightly close writes them), one of which never gets its postings.
    const many = database.db.transaction(async (tx) => {
      const rows = await tx
        .insert(journalEntries)
        .values(
          ['many-1', 'many-2', 'many-3'].map((idempotencyKey) => ({
            kind: 'test',
            idempotencyKey,
            businessDate: '2026-11-24',
          })),
        )
        .returning({ id: journalEntries.id });
      await tx.insert(postings).values(
        rows.slice(0, 2).flatMap((r) => [
          { entryId: r.id, accountId: bank, amount: 9n },
          { entryId: r.id, accountId: other, amount: -9n },
        ]),
      );
    });
    await expect(many).rejects.toThrow();
    const immediate = database.db.transaction(async (tx) => {
      await tx.execute(sql`SET CONSTRAINTS journal_entries_balanced IMMEDIATE`);
      await tx
        .insert(journalEntries)
        .values({ kind: 'test', idempotencyKey: 'immediate', businessDate: '2026-11-24' });
    });
    await expect(immediate).rejects.toThrow();
    const done = await database.db.transaction(async (tx) => {
      const rows = await tx
        .insert(journalEntries)
        .values(
          ['ok-1', 'ok-2'].map((idempotencyKey) => ({
            kind: 'test',
            idempotencyKey,
            businessDate: '2026-11-24',
          })),
        )
        .returning({ id: journalEntries.id });
      await tx.insert(postings).values(
        rows.flatMap((r) => [
          { entryId: r.id, accountId: bank, amount: 4n },
          { entryId: r.id, accountId: other, amount: -4n },
        ]),
      );
      return rows.length;
    });
    expect(done).toBe(2);
    // The scratch rows of the commit-time check are gone once their transactions ended.
    const left = (await database.db.execute(
      sql`SELECT (SELECT count(*) FROM ledger_entries_to_check)::int + (SELECT count(*) FROM ledger_entries_posted)::int AS n`,
    )) as unknown as {
      rows: { n: number }[];
    };
    expect(Number(left.rows[0]!.n)).toBe(0);
  });

  it('refuses to change, delete or truncate ledger accounts and the ledger', async () => {
    await expect(
      database.db.update(ledgerAccounts).set({ code: 'fees' }).where(eq(ledgerAccounts.id, other)),
    ).rejects.toThrow();
    await expect(database.db.delete(ledgerAccounts).where(eq(ledgerAccounts.id, other))).rejects.toThrow();
    for (const table of ['ledger_accounts', 'journal_entries', 'postings'])
      await expect(database.db.execute(sql.raw(`TRUNCATE ${table} CASCADE`))).rejects.toThrow();
  });

  it('books one business event once (idempotency key)', async () => {
    await entry('once', [1n, -1n]);
    await expect(entry('once', [1n, -1n])).rejects.toThrow();
  });
});
