import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { fakeProviderPayouts } from '../db/schema-loans';
import type { FakePayoutRow, FakePayoutStore } from './fake-payouts';

/** The demo payout provider keeps its records in our database, so every instance and a restart see them. */
export class DbFakePayoutStore implements FakePayoutStore {
  constructor(private readonly db: Db) {}

  async get(key: string) {
    const [row] = await this.db.select().from(fakeProviderPayouts).where(eq(fakeProviderPayouts.key, key));
    return row?.row as FakePayoutRow | undefined;
  }

  async put(key: string, row: FakePayoutRow) {
    await this.db
      .insert(fakeProviderPayouts)
      .values({ key, row })
      .onConflictDoUpdate({ target: fakeProviderPayouts.key, set: { row } });
  }
}
