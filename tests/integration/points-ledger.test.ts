import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { balanceOf } from '../../src/domain/points';
import type { Database } from '../../src/server/adapters/db/database';
import { borrowers } from '../../src/server/adapters/db/schema';
import { loadConfig } from '../../src/server/config';
import { earnPoints } from '../../src/server/modules/engagement/earn-points';
import { expireLot } from '../../src/server/modules/engagement/expire-points';
import {
  bookPoints,
  entrySums,
  eventsOf,
  listPointsEntries,
  pointsBalance,
} from '../../src/server/modules/engagement/points-repository';
import { spendPoints } from '../../src/server/modules/engagement/spend-points';
import { backends, freshDatabase } from '../support/databases';

const config = loadConfig({ POINTS_EXPIRY_DAYS: '30' });

async function newBorrower(database: Database): Promise<string> {
  const unique = randomUUID();
  const [row] = await database.db
    .insert(borrowers)
    .values({
      phone: `+7${unique.replace(/\D/g, '').slice(0, 10).padEnd(10, '0')}`,
      passwordHash: 'x',
      surname: 'Тест',
      name: 'Тест',
      birthDate: '1990-01-01',
      sex: 'female',
      passportEncrypted: 'x',
      passportHash: `p-${unique}`,
      passportIssueDate: '2010-01-01',
      passportIssuedBy: 'x',
      passportDivisionCode: '000-000',
      personHash: `h-${unique}`,
    })
    .returning({ id: borrowers.id });
  return row!.id;
}

/** One step of a random history: a payment on time, a spending, days passing (with the expiry job run). */
type Step = { kind: 'pay' } | { kind: 'spend'; points: number } | { kind: 'days'; days: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'pay' as const }),
  fc.integer({ min: 1, max: 350 }).map((points) => ({ kind: 'spend' as const, points })),
  fc.integer({ min: 1, max: 40 }).map((days) => ({ kind: 'days' as const, days })),
);

describe.each(backends())('the points ledger (%s)', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.close());

  it('random payments, spending and expiries: the balance never goes negative and every entry balances', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const borrowerId = await newBorrower(database);
        let today = '2026-01-10';
        for (const s of steps) {
          if (s.kind === 'pay')
            await database.db.transaction((tx) =>
              earnPoints({ config }, tx, {
                borrowerId,
                cause: 'payment_on_time',
                causeId: randomUUID(),
                on: today,
              }),
            );
          else if (s.kind === 'spend') {
            const before = await pointsBalance(database.db, borrowerId);
            const spent = database.db.transaction((tx) =>
              spendPoints(tx, {
                borrowerId,
                points: s.points,
                causeId: 'test',
                idempotencyKey: randomUUID(),
                on: today,
                now: new Date(`${today}T12:00:00Z`),
              }),
            );
            if (s.points > before) await expect(spent).rejects.toMatchObject({ code: 'POINTS_INSUFFICIENT' });
            else await expect(spent).resolves.toBe(true);
          } else {
            today = addDays(today, s.days);
            const lots = (await listPointsEntries(database.db, borrowerId)).filter((r) => r.kind === 'earn');
            for (const lot of lots)
              await database.db.transaction((tx) => expireLot(tx, { lotId: lot.id, today }));
          }
          const balance = await pointsBalance(database.db, borrowerId);
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(balance).toBe(balanceOf(eventsOf(await listPointsEntries(database.db, borrowerId))));
          expect((await entrySums(database.db, borrowerId)).every((sum) => sum === 0)).toBe(true);
        }
        // Nothing older than the expiry period is left.
        const rows = await listPointsEntries(database.db, borrowerId);
        const lots = rows.filter((r) => r.kind === 'earn' && r.expiresOn! <= today);
        for (const lot of lots)
          expect(await database.db.transaction((tx) => expireLot(tx, { lotId: lot.id, today }))).toBe(0);
      }),
      { numRuns: backend === 'pglite' ? 25 : 15 },
    );
  });

  it('the database refuses an entry that takes a borrower below zero, and any change to a booked entry', async () => {
    const borrowerId = await newBorrower(database);
    const overdraw = database.db.transaction((tx) =>
      bookPoints(tx, {
        borrowerId,
        kind: 'spend',
        cause: 'spent',
        causeId: null,
        idempotencyKey: randomUUID(),
        points: 10,
        businessDate: '2026-01-10',
      }),
    );
    await expect(overdraw).rejects.toThrow();
    await database.db.transaction((tx) =>
      earnPoints({ config }, tx, {
        borrowerId,
        cause: 'profile_completed',
        causeId: borrowerId,
        on: '2026-01-10',
      }),
    );
    // A second earning of the same cause books nothing.
    await database.db.transaction((tx) =>
      earnPoints({ config }, tx, {
        borrowerId,
        cause: 'profile_completed',
        causeId: borrowerId,
        on: '2026-01-11',
      }),
    );
    expect(await pointsBalance(database.db, borrowerId)).toBe(200);
    await expect(database.db.execute(sql`UPDATE points_postings SET points = points * 2`)).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM points_entries`)).rejects.toThrow();
  });
});
