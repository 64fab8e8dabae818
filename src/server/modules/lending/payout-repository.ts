import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers } from '../../adapters/db/schema';
import { contracts, loans, payouts } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';

/** A payout order as stored: `amount` in kopecks, `destination` a StoredPayoutMethod. */
export type PayoutRow = typeof payouts.$inferSelect;
/** A payout order to write at signature. */
export type NewPayout = typeof payouts.$inferInsert;

/** The payout order, or undefined. */
export async function findPayout(db: DbOrTx, payoutId: string): Promise<PayoutRow | undefined> {
  const [row] = await db.select().from(payouts).where(eq(payouts.id, payoutId));
  return row;
}

/**
 * Marks a scheduled payout as being sent (the point after which the borrower can no longer cancel it); returns false
 * if it is not scheduled any more (cancelled meanwhile, or already sending after a crash).
 */
export async function markPayoutSending(db: DbOrTx, payoutId: string): Promise<boolean> {
  const taken = await db
    .update(payouts)
    .set({ status: 'sending' })
    .where(and(eq(payouts.id, payoutId), eq(payouts.status, 'scheduled')))
    .returning({ id: payouts.id });
  return taken.length > 0;
}

/** Writes a payout order; returns its id (also the provider's idempotence key). */
export async function insertPayout(db: DbOrTx, values: NewPayout): Promise<string> {
  const [row] = await db.insert(payouts).values(values).returning({ id: payouts.id });
  if (!row) throw new Error('the payout order was not written');
  return row.id;
}

/** Cancels the loan's payout if it is still scheduled (not yet sent); returns whether it did. */
export async function cancelScheduledPayout(db: DbOrTx, loanId: string, now: Date): Promise<boolean> {
  const stopped = await db
    .update(payouts)
    .set({ status: 'cancelled', settledAt: now })
    .where(and(eq(payouts.loanId, loanId), eq(payouts.status, 'scheduled')))
    .returning({ id: payouts.id });
  return stopped.length > 0;
}

/** What the provider is told about a payout: the contract number and the borrower's names (LOAN_NOT_FOUND if none). */
export async function getPayoutContext(db: DbOrTx, loanId: string) {
  const [context] = await db
    .select({
      number: contracts.number,
      surname: borrowers.surname,
      name: borrowers.name,
      patronymic: borrowers.patronymic,
    })
    .from(loans)
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(eq(loans.id, loanId));
  if (!context) throw new AppError('LOAN_NOT_FOUND');
  return context;
}

/** Until when the borrower's payouts are held after a phone change (issue 12), or null. */
export async function findPayoutHold(db: DbOrTx, loanId: string): Promise<Date | null> {
  const [row] = await db
    .select({ until: borrowers.payoutsHeldUntil })
    .from(loans)
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(eq(loans.id, loanId));
  return row?.until ?? null;
}

/** The provider took the payout and answers later: remember its id. */
export async function markPayoutPending(
  db: DbOrTx,
  payoutId: string,
  pending: { provider: string; providerPayoutId: string },
): Promise<void> {
  await db
    .update(payouts)
    .set({ status: 'pending', ...pending })
    .where(eq(payouts.id, payoutId));
}

/**
 * Records the provider's final answer if the payout is still sending or pending; returns false when another
 * worker settled it first.
 */
export async function settlePayout(
  db: DbOrTx,
  payoutId: string,
  outcome: {
    status: 'succeeded' | 'failed';
    provider: string;
    providerPayoutId: string;
    failureReason: string | null;
    settledAt: Date;
  },
): Promise<boolean> {
  const settled = await db
    .update(payouts)
    .set(outcome)
    .where(and(eq(payouts.id, payoutId), inArray(payouts.status, ['sending', 'pending'])))
    .returning({ id: payouts.id });
  return settled.length > 0;
}
