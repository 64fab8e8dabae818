import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers } from '../../adapters/db/schema';
import { raffleCampaigns, raffleEntries, raffleWinners } from '../../adapters/db/schema-engagement';

/** The raffles' repository: campaigns, entries, winners. The only file touching those tables. */

export type CampaignRow = typeof raffleCampaigns.$inferSelect;
export type NewCampaign = typeof raffleCampaigns.$inferInsert;

/** Adds a campaign (a draft) and returns it. */
export async function insertCampaign(db: DbOrTx, campaign: NewCampaign): Promise<CampaignRow> {
  const [row] = await db.insert(raffleCampaigns).values(campaign).returning();
  return row!;
}

/** A campaign by id (null when there is none); `forUpdate` locks it for the rest of the transaction. */
export async function findCampaign(db: DbOrTx, id: string, forUpdate = false): Promise<CampaignRow | null> {
  const query = db.select().from(raffleCampaigns).where(eq(raffleCampaigns.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Every campaign, newest first. */
export const listCampaigns = (db: DbOrTx): Promise<CampaignRow[]> =>
  db
    .select()
    .from(raffleCampaigns)
    .orderBy(sql`${raffleCampaigns.createdAt} desc`);

/** Changes a campaign's state fields. */
export async function updateCampaign(db: DbOrTx, id: string, changes: Partial<NewCampaign>): Promise<void> {
  await db.update(raffleCampaigns).set(changes).where(eq(raffleCampaigns.id, id));
}

/** The published campaigns whose entry period contains `date`. */
export const campaignsOpenOn = (db: DbOrTx, date: string): Promise<CampaignRow[]> =>
  db
    .select()
    .from(raffleCampaigns)
    .where(
      and(
        eq(raffleCampaigns.status, 'published'),
        lte(raffleCampaigns.startsOn, date),
        gte(raffleCampaigns.endsOn, date),
      ),
    );

/** Adds an entry once per (campaign, cause); returns whether it was added. */
export async function insertEntry(
  db: DbOrTx,
  entry: { campaignId: string; borrowerId: string; causeKey: string },
): Promise<boolean> {
  const rows = await db
    .insert(raffleEntries)
    .values(entry)
    .onConflictDoNothing({ target: [raffleEntries.campaignId, raffleEntries.causeKey] })
    .returning({ id: raffleEntries.id });
  return rows.length > 0;
}

/** A campaign's entries with their holder's id and name, ordered by entry id (the published order). */
export const listEntries = (db: DbOrTx, campaignId: string) =>
  db
    .select({
      id: raffleEntries.id,
      borrowerId: raffleEntries.borrowerId,
      name: borrowers.name,
      surname: borrowers.surname,
      createdAt: raffleEntries.createdAt,
    })
    .from(raffleEntries)
    .innerJoin(borrowers, eq(raffleEntries.borrowerId, borrowers.id))
    .where(eq(raffleEntries.campaignId, campaignId))
    .orderBy(asc(raffleEntries.id));

/** A borrower's entries in every campaign. */
export const entriesOfBorrower = (db: DbOrTx, borrowerId: string) =>
  db
    .select({
      id: raffleEntries.id,
      campaignId: raffleEntries.campaignId,
      createdAt: raffleEntries.createdAt,
    })
    .from(raffleEntries)
    .where(eq(raffleEntries.borrowerId, borrowerId))
    .orderBy(asc(raffleEntries.createdAt));

/** Records the winners of a campaign. */
export async function insertWinners(
  db: DbOrTx,
  campaignId: string,
  winners: readonly { place: number; entryId: string }[],
): Promise<void> {
  if (winners.length > 0)
    await db
      .insert(raffleWinners)
      .values(winners.map((w) => ({ campaignId, place: w.place, entryId: w.entryId })));
}

/** A campaign's winners by place. */
export const listWinners = (db: DbOrTx, campaignId: string) =>
  db
    .select({ place: raffleWinners.place, entryId: raffleWinners.entryId })
    .from(raffleWinners)
    .where(eq(raffleWinners.campaignId, campaignId))
    .orderBy(asc(raffleWinners.place));
