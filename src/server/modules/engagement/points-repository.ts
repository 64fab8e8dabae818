import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { PointsEvent } from '../../../domain/points';
import type { DbOrTx } from '../../adapters/db/database';
import {
  pointsAccounts,
  pointsEntries,
  pointsHolds,
  pointsPostings,
} from '../../adapters/db/schema-engagement';
import { ledgerAccounts, postings } from '../../adapters/db/schema-loans';

/**
 * The points ledger's repository: double-entry, append-only, in whole points. The only file touching the points
 * tables. A borrower's account is `borrower:<id>`; the system accounts are `pool`, `redeemed`, `expired`.
 */

/** A system account of the points ledger. */
export type SystemPointsAccount = 'pool' | 'redeemed' | 'expired';

/** The id of an account, created on first use. */
async function accountId(db: DbOrTx, account: { borrowerId: string } | SystemPointsAccount): Promise<string> {
  const code = typeof account === 'string' ? account : `borrower:${account.borrowerId}`;
  const borrowerId = typeof account === 'string' ? null : account.borrowerId;
  await db.insert(pointsAccounts).values({ code, borrowerId }).onConflictDoNothing();
  const [row] = await db
    .select({ id: pointsAccounts.id })
    .from(pointsAccounts)
    .where(eq(pointsAccounts.code, code));
  return row!.id;
}

/**
 * Locks the borrower's points account (FOR UPDATE) for the rest of the transaction, creating it if needed: every
 * spending or expiry reads the history after taking this lock, so two of them never take the same points.
 */
export async function lockPointsAccount(db: DbOrTx, borrowerId: string): Promise<void> {
  const id = await accountId(db, { borrowerId });
  await db.execute(sql`SELECT id FROM points_accounts WHERE id = ${id} FOR UPDATE`);
}

/** A new points entry: `points` positive; the postings are derived from the kind. */
export type NewPointsEntry = {
  borrowerId: string;
  kind: 'earn' | 'spend' | 'expire';
  cause: string;
  causeId: string | null;
  idempotencyKey: string;
  points: number;
  lotId?: string | null;
  expiresOn?: string | null;
  businessDate: string;
};

/**
 * Books one entry once: earn moves points pool → borrower, spend borrower → redeemed, expire borrower → expired.
 * Returns the new entry's id, or null when the idempotency key was already booked. The database checks at commit
 * that the entry balances and the borrower's account is not below zero.
 */
export async function bookPoints(db: DbOrTx, entry: NewPointsEntry): Promise<string | null> {
  if (!Number.isSafeInteger(entry.points) || entry.points <= 0)
    throw new Error(`points entry of ${entry.points} points`);
  const [created] = await db
    .insert(pointsEntries)
    .values({
      borrowerId: entry.borrowerId,
      kind: entry.kind,
      cause: entry.cause,
      causeId: entry.causeId,
      idempotencyKey: entry.idempotencyKey,
      points: entry.points,
      lotId: entry.lotId ?? null,
      expiresOn: entry.expiresOn ?? null,
      businessDate: entry.businessDate,
    })
    .onConflictDoNothing({ target: pointsEntries.idempotencyKey })
    .returning({ id: pointsEntries.id });
  if (!created) return null;
  const borrower = await accountId(db, { borrowerId: entry.borrowerId });
  const other = await accountId(
    db,
    entry.kind === 'earn' ? 'pool' : entry.kind === 'spend' ? 'redeemed' : 'expired',
  );
  const sign = entry.kind === 'earn' ? 1 : -1;
  await db.insert(pointsPostings).values([
    { entryId: created.id, accountId: borrower, points: sign * entry.points },
    { entryId: created.id, accountId: other, points: -sign * entry.points },
  ]);
  return created.id;
}

/** A booked entry as the history shows it. */
export type PointsEntryRow = typeof pointsEntries.$inferSelect;

/** The borrower's entries in booking order. */
export const listPointsEntries = (db: DbOrTx, borrowerId: string): Promise<PointsEntryRow[]> =>
  db
    .select()
    .from(pointsEntries)
    .where(eq(pointsEntries.borrowerId, borrowerId))
    .orderBy(asc(pointsEntries.seq));

/** The entries as the domain replays them (src/domain/points.ts lotsOf). */
export const eventsOf = (rows: readonly PointsEntryRow[]): PointsEvent[] =>
  rows.map((r) =>
    r.kind === 'earn'
      ? { id: r.id, kind: 'earn', points: r.points, on: r.businessDate, expiresOn: r.expiresOn! }
      : r.kind === 'expire'
        ? { id: r.id, kind: 'expire', points: r.points, on: r.businessDate, lotId: r.lotId! }
        : { id: r.id, kind: 'spend', points: r.points, on: r.businessDate },
  );

/** The borrower's balance as the postings say (the ledger itself, not the replay). */
export async function pointsBalance(db: DbOrTx, borrowerId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${pointsPostings.points}), 0)` })
    .from(pointsPostings)
    .innerJoin(pointsAccounts, eq(pointsPostings.accountId, pointsAccounts.id))
    .where(eq(pointsAccounts.borrowerId, borrowerId));
  return Number(row?.total ?? 0);
}

/** Every entry's postings sum (entry id → sum): zero for all, by the database's rule (for the tests). */
export async function entrySums(db: DbOrTx, borrowerId: string): Promise<number[]> {
  const rows = await db
    .select({ total: sql<string>`sum(${pointsPostings.points})` })
    .from(pointsPostings)
    .innerJoin(pointsEntries, eq(pointsPostings.entryId, pointsEntries.id))
    .where(eq(pointsEntries.borrowerId, borrowerId))
    .groupBy(pointsPostings.entryId);
  return rows.map((r) => Number(r.total));
}

/** Whether any of the loan's debt ever went overdue (the money ledger has postings on an overdue account). */
export async function loanEverOverdue(db: DbOrTx, loanId: string): Promise<boolean> {
  const rows = await db
    .select({ id: postings.id })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(postings.accountId, ledgerAccounts.id))
    .where(
      and(
        eq(ledgerAccounts.loanId, loanId),
        inArray(ledgerAccounts.code, ['principal_overdue', 'interest_overdue', 'penalty']),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** An earned lot's owner and expiry date (null when there is no such earning entry). */
export async function findLot(
  db: DbOrTx,
  lotId: string,
): Promise<{ borrowerId: string; expiresOn: string | null } | null> {
  const [row] = await db
    .select({ borrowerId: pointsEntries.borrowerId, expiresOn: pointsEntries.expiresOn })
    .from(pointsEntries)
    .where(and(eq(pointsEntries.id, lotId), eq(pointsEntries.kind, 'earn')));
  return row ?? null;
}

/** How many loans the borrower repaid on time (the earning entries of that cause: one per loan). */
export async function countLoansRepaidOnTime(db: DbOrTx, borrowerId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`count(*)` })
    .from(pointsEntries)
    .where(and(eq(pointsEntries.borrowerId, borrowerId), eq(pointsEntries.cause, 'loan_repaid_on_time')));
  return Number(row?.n ?? 0);
}

/**
 * The points held in force for the borrower's unsettled payments at `now` (status `held`, not past `expires_at`),
 * leaving out the hold of `exceptPaymentId` when given. Read it under lockPointsAccount to rely on it.
 */
export async function heldPoints(
  db: DbOrTx,
  borrowerId: string,
  now: Date,
  exceptPaymentId?: string,
): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${pointsHolds.points}), 0)` })
    .from(pointsHolds)
    .where(
      and(
        eq(pointsHolds.borrowerId, borrowerId),
        eq(pointsHolds.status, 'held'),
        gt(pointsHolds.expiresAt, now),
        ...(exceptPaymentId ? [ne(pointsHolds.paymentId, exceptPaymentId)] : []),
      ),
    );
  return Number(row?.total ?? 0);
}

/** Holds `points` for a payment until `expiresAt` (one hold per payment; a repeat adds nothing). */
export async function insertHold(
  db: DbOrTx,
  hold: { borrowerId: string; paymentId: string; points: number; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insert(pointsHolds)
    .values({ ...hold, status: 'held' })
    .onConflictDoNothing({ target: pointsHolds.paymentId });
}

/** Settles a payment's hold (spent when it is credited, released when it fails); a settled hold stays as it is. */
export async function settleHold(
  db: DbOrTx,
  paymentId: string,
  outcome: { status: 'spent' | 'released'; at: Date },
): Promise<void> {
  await db
    .update(pointsHolds)
    .set({ status: outcome.status, settledAt: outcome.at })
    .where(and(eq(pointsHolds.paymentId, paymentId), eq(pointsHolds.status, 'held')));
}

/** A payment's hold, if it has one (for the tests and the history). */
export async function findHold(db: DbOrTx, paymentId: string) {
  const [row] = await db.select().from(pointsHolds).where(eq(pointsHolds.paymentId, paymentId));
  return row ?? null;
}
