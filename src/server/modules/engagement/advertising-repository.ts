import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers } from '../../adapters/db/schema';
import { advertisingDeliveries, advertisingSends } from '../../adapters/db/schema-engagement';

/** Advertising sends and their deliveries (with the withdrawal links). The only file touching those tables. */

export type AdvertisingSendRow = typeof advertisingSends.$inferSelect;
export type AdvertisingSubject = AdvertisingSendRow['subject'];
export type DeliveryRow = typeof advertisingDeliveries.$inferSelect;

/** Adds a send to be worked through by the `advertising.send` job. */
export async function insertSend(
  db: DbOrTx,
  send: Pick<
    typeof advertisingSends.$inferInsert,
    'subject' | 'subjectId' | 'text' | 'requestedBy' | 'requestedAt'
  >,
): Promise<AdvertisingSendRow> {
  const [row] = await db
    .insert(advertisingSends)
    .values({ ...send, status: 'queued' })
    .returning();
  return row!;
}

/** A send, locked for the rest of the transaction when `forUpdate`. */
export async function findSend(
  db: DbOrTx,
  id: string,
  forUpdate = false,
): Promise<AdvertisingSendRow | null> {
  const query = db.select().from(advertisingSends).where(eq(advertisingSends.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The latest send of a campaign or an offer, or null. */
export async function latestSend(
  db: DbOrTx,
  subject: AdvertisingSubject,
  subjectId: string,
): Promise<AdvertisingSendRow | null> {
  const [row] = await db
    .select()
    .from(advertisingSends)
    .where(and(eq(advertisingSends.subject, subject), eq(advertisingSends.subjectId, subjectId)))
    .orderBy(desc(advertisingSends.seq))
    .limit(1);
  return row ?? null;
}

/** What one batch did: the cursor moves to the last borrower looked at; the counters grow. */
export async function advanceSend(
  db: DbOrTx,
  id: string,
  batch: {
    cursor: string | null;
    sent: number;
    skippedNoConsent: number;
    skippedEnded: number;
    skippedAlready: number;
    finishedAt: Date | null;
  },
): Promise<void> {
  await db
    .update(advertisingSends)
    .set({
      cursor: batch.cursor,
      sent: sql`${advertisingSends.sent} + ${batch.sent}`,
      skippedNoConsent: sql`${advertisingSends.skippedNoConsent} + ${batch.skippedNoConsent}`,
      skippedEnded: sql`${advertisingSends.skippedEnded} + ${batch.skippedEnded}`,
      skippedAlready: sql`${advertisingSends.skippedAlready} + ${batch.skippedAlready}`,
      ...(batch.finishedAt ? { status: 'done' as const, finishedAt: batch.finishedAt } : {}),
    })
    .where(eq(advertisingSends.id, id));
}

/**
 * The next `limit` borrowers of an audience after `after` (by id): everyone, or one borrower; with when their
 * relationship ended (null while it lasts).
 */
export async function audienceBatch(
  db: DbOrTx,
  input: { only: string | null; after: string | null; limit: number },
): Promise<{ id: string; endedAt: Date | null }[]> {
  return db
    .select({ id: borrowers.id, endedAt: borrowers.endedAt })
    .from(borrowers)
    .where(
      and(
        ...(input.only ? [eq(borrowers.id, input.only)] : []),
        ...(input.after ? [gt(borrowers.id, input.after)] : []),
      ),
    )
    .orderBy(asc(borrowers.id))
    .limit(input.limit);
}

/**
 * Records a delivery of a subject to a borrower once (unique per subject and borrower). Returns false when the
 * borrower already got this campaign's or offer's advertising.
 */
export async function insertDelivery(
  db: DbOrTx,
  delivery: Pick<
    typeof advertisingDeliveries.$inferInsert,
    'sendId' | 'subject' | 'subjectId' | 'borrowerId' | 'tokenHash' | 'createdAt'
  >,
): Promise<boolean> {
  const rows = await db
    .insert(advertisingDeliveries)
    .values(delivery)
    .onConflictDoNothing()
    .returning({ id: advertisingDeliveries.id });
  return rows.length > 0;
}

/** How many borrowers got a subject's advertising in all. */
export async function countDeliveries(
  db: DbOrTx,
  subject: AdvertisingSubject,
  subjectId: string,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`count(*)` })
    .from(advertisingDeliveries)
    .where(and(eq(advertisingDeliveries.subject, subject), eq(advertisingDeliveries.subjectId, subjectId)));
  return Number(row?.n ?? 0);
}

/** A delivery by its withdrawal token's SHA-256, locked for the rest of the transaction when `forUpdate`. */
export async function findDeliveryByToken(
  db: DbOrTx,
  tokenHash: string,
  forUpdate = false,
): Promise<DeliveryRow | null> {
  const query = db.select().from(advertisingDeliveries).where(eq(advertisingDeliveries.tokenHash, tokenHash));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Marks a delivery's withdrawal link used (it works once). Returns false when it already was. */
export async function markLinkUsed(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(advertisingDeliveries)
    .set({ usedAt: at })
    .where(and(eq(advertisingDeliveries.id, id), sql`${advertisingDeliveries.usedAt} IS NULL`))
    .returning({ id: advertisingDeliveries.id });
  return rows.length > 0;
}
