import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { offerUses, personalOffers } from '../../adapters/db/schema-engagement';

/** Personal offers and their uses. The only file touching those tables. */

export type OfferRow = typeof personalOffers.$inferSelect;
export type NewOffer = typeof personalOffers.$inferInsert;

/** Adds an offer; with a `sourceKey` already taken (a rule's offer made before) adds nothing and returns null. */
export async function insertOffer(db: DbOrTx, offer: NewOffer): Promise<OfferRow | null> {
  const [row] = await db.insert(personalOffers).values(offer).onConflictDoNothing().returning();
  return row ?? null;
}

/** An offer by its promo code (codes are stored upper-case). */
export async function findOfferByCode(db: DbOrTx, code: string): Promise<OfferRow | null> {
  const [row] = await db.select().from(personalOffers).where(eq(personalOffers.promoCode, code));
  return row ?? null;
}

/** An offer by id. */
export async function findOffer(db: DbOrTx, id: string): Promise<OfferRow | null> {
  const [row] = await db.select().from(personalOffers).where(eq(personalOffers.id, id));
  return row ?? null;
}

/**
 * The offers a borrower may use on `date`: in force, addressed to them or to everyone, and — for an offer behind a
 * promo code — activated by them and, when single-use, not yet used for a contract.
 */
export async function offersFor(db: DbOrTx, borrowerId: string, date: string): Promise<OfferRow[]> {
  const rows = await db
    .select({ offer: personalOffers, use: offerUses })
    .from(personalOffers)
    .leftJoin(offerUses, and(eq(offerUses.offerId, personalOffers.id), eq(offerUses.borrowerId, borrowerId)))
    .where(
      and(
        lte(personalOffers.validFrom, date),
        gte(personalOffers.validTo, date),
        or(isNull(personalOffers.borrowerId), eq(personalOffers.borrowerId, borrowerId)),
      ),
    );
  return rows
    .filter(({ offer, use }) => {
      if (offer.promoCode === null) return !(offer.singleUse && use?.contractId);
      return use !== null && !(offer.singleUse && use.contractId);
    })
    .map(({ offer }) => offer);
}

/** Records that the borrower entered the offer's promo code (once; a repeat changes nothing). */
export async function activateOffer(db: DbOrTx, use: { offerId: string; borrowerId: string; at: Date }) {
  await db
    .insert(offerUses)
    .values({ offerId: use.offerId, borrowerId: use.borrowerId, activatedAt: use.at })
    .onConflictDoNothing();
}

/** The borrower's use of an offer, if any. */
export async function findUse(db: DbOrTx, offerId: string, borrowerId: string) {
  const [row] = await db
    .select()
    .from(offerUses)
    .where(and(eq(offerUses.offerId, offerId), eq(offerUses.borrowerId, borrowerId)));
  return row ?? null;
}

/** Marks the offer used for a contract (creating the use row for an offer without a code). */
export async function markOfferUsed(
  db: DbOrTx,
  use: { offerId: string; borrowerId: string; contractId: string; at: Date },
): Promise<void> {
  await db
    .insert(offerUses)
    .values({ ...use, activatedAt: use.at, usedAt: use.at })
    .onConflictDoUpdate({
      target: [offerUses.offerId, offerUses.borrowerId],
      set: { contractId: use.contractId, usedAt: use.at },
      setWhere: sql`${offerUses.contractId} IS NULL`,
    });
}

/** Every offer, newest first (the back office). */
export const listOffers = (db: DbOrTx) =>
  db
    .select()
    .from(personalOffers)
    .orderBy(sql`${personalOffers.createdAt} desc`);
