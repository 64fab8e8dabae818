import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { fakeProviderPayments } from '../db/schema-loans';
import type { FakeAcquiringRow, FakeAcquiringStore } from './fake-acquiring';

/** The demo acquirer keeps its records in our database, so every instance and a restart see them. */
export class DbFakeAcquiringStore implements FakeAcquiringStore {
  constructor(private readonly db: Db) {}

  async get(key: string) {
    const [row] = await this.db.select().from(fakeProviderPayments).where(eq(fakeProviderPayments.key, key));
    return row?.row as FakeAcquiringRow | undefined;
  }

  async put(key: string, row: FakeAcquiringRow) {
    await this.db
      .insert(fakeProviderPayments)
      .values({ key, row })
      .onConflictDoUpdate({ target: fakeProviderPayments.key, set: { row } });
  }
}
