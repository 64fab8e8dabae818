import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { advertisingConsentEvents } from '../../adapters/db/schema-engagement';

/** The advertising consent's events. The only file touching that table. */

export type ConsentEventRow = typeof advertisingConsentEvents.$inferSelect;

/** The borrower's latest consent event (their current choice), or null when they never chose. */
export async function latestConsentEvent(db: DbOrTx, borrowerId: string): Promise<ConsentEventRow | null> {
  const [row] = await db
    .select()
    .from(advertisingConsentEvents)
    .where(eq(advertisingConsentEvents.borrowerId, borrowerId))
    .orderBy(desc(advertisingConsentEvents.seq))
    .limit(1);
  return row ?? null;
}

/** Appends a grant or a withdrawal. */
export async function insertConsentEvent(
  db: DbOrTx,
  event: Omit<typeof advertisingConsentEvents.$inferInsert, 'id' | 'seq'>,
): Promise<void> {
  await db.insert(advertisingConsentEvents).values(event);
}
