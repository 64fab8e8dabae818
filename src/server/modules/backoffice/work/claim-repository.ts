import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../adapters/db/database';
import { staff } from '../../../adapters/db/schema-backoffice';
import { workClaims } from '../../../adapters/db/schema-work';

/** A live claim on a queue item: who holds it (id and name) and until when. */
export type ClaimView = {
  itemId: string;
  staffId: string;
  displayName: string;
  claimedAt: Date;
  expiresAt: Date;
};

/**
 * Takes the item for `staffId` until `expiresAt`: inserts the claim, or takes over one that has expired (or renews
 * the member's own). One statement on the (queue, item_id) key, so of two members claiming at once exactly one gets
 * the row back; the other gets undefined (someone holds it).
 */
export async function takeClaim(
  db: DbOrTx,
  claim: { queue: string; itemId: string; staffId: string; now: Date; expiresAt: Date },
): Promise<{ claimedBy: string; expiresAt: Date } | undefined> {
  const [row] = await db
    .insert(workClaims)
    .values({
      queue: claim.queue,
      itemId: claim.itemId,
      claimedBy: claim.staffId,
      claimedAt: claim.now,
      expiresAt: claim.expiresAt,
    })
    .onConflictDoUpdate({
      target: [workClaims.queue, workClaims.itemId],
      set: { claimedBy: claim.staffId, claimedAt: claim.now, expiresAt: claim.expiresAt },
      setWhere: sql`${workClaims.expiresAt} <= ${claim.now.toISOString()}::timestamptz or ${workClaims.claimedBy} = ${claim.staffId}::uuid`,
    })
    .returning({ claimedBy: workClaims.claimedBy, expiresAt: workClaims.expiresAt });
  return row;
}

/** The live (not expired at `now`) claims on these items of `queue`, with the holders' names. */
export async function findLiveClaims(
  db: DbOrTx,
  queue: string,
  itemIds: string[],
  now: Date,
): Promise<ClaimView[]> {
  if (itemIds.length === 0) return [];
  return db
    .select({
      itemId: workClaims.itemId,
      staffId: workClaims.claimedBy,
      displayName: staff.displayName,
      claimedAt: workClaims.claimedAt,
      expiresAt: workClaims.expiresAt,
    })
    .from(workClaims)
    .innerJoin(staff, eq(staff.id, workClaims.claimedBy))
    .where(
      and(eq(workClaims.queue, queue), inArray(workClaims.itemId, itemIds), gt(workClaims.expiresAt, now)),
    );
}

/** Drops `staffId`'s claim on the item; returns whether there was one. */
export async function dropOwnClaim(
  db: DbOrTx,
  queue: string,
  itemId: string,
  staffId: string,
): Promise<boolean> {
  const dropped = await db
    .delete(workClaims)
    .where(and(eq(workClaims.queue, queue), eq(workClaims.itemId, itemId), eq(workClaims.claimedBy, staffId)))
    .returning({ itemId: workClaims.itemId });
  return dropped.length > 0;
}

/** Drops any claim on the item (it left the queue: decided, resolved). */
export async function dropClaim(db: DbOrTx, queue: string, itemId: string): Promise<void> {
  await db.delete(workClaims).where(and(eq(workClaims.queue, queue), eq(workClaims.itemId, itemId)));
}
