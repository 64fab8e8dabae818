import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../adapters/db/database';
import { borrowers } from '../../adapters/db/schema';
import { contracts, loans, payouts } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';

/** A payout order as stored: `amount` in kopecks, `destination` a StoredPayoutMethod. */
export type PayoutRow = typeof payouts.$inferSelect;
/** A payout order to write at signature. */
export type NewPayout = typeof payouts.$inferInsert;

/**
 * The claiming step of the payout worker (to be replaced by the job queue). Takes up to `limit` payouts that are
 * due at `now` — scheduled ones past `notBefore`, and sending/pending ones whose lease ran out (a worker died) —
 * with FOR UPDATE SKIP LOCKED, so two workers never take the same one, and leases each for `leaseMs`: a scheduled
 * one becomes `sending`, every one counts an attempt. Run it inside a transaction; returns the rows as claimed.
 */
export async function claimDuePayouts(
  tx: Tx,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<PayoutRow[]> {
  const due = await tx
    .select()
    .from(payouts)
    .where(
      or(
        and(eq(payouts.status, 'scheduled'), lte(payouts.notBefore, now)),
        and(
          inArray(payouts.status, ['sending', 'pending']),
          or(isNull(payouts.leaseUntil), lt(payouts.leaseUntil, now)),
        ),
      ),
    )
    .orderBy(asc(payouts.notBefore))
    .limit(limit)
    .for('update', { skipLocked: true });
  for (const row of due) {
    await tx
      .update(payouts)
      .set({
        status: row.status === 'scheduled' ? 'sending' : row.status,
        // How long this worker owns the payout; after that another may take it over (a crash mid-way).
        leaseUntil: new Date(now.getTime() + leaseMs),
        attempts: row.attempts + 1,
      })
      .where(eq(payouts.id, row.id));
  }
  return due;
}

/** Writes a payout order. */
export async function insertPayout(db: DbOrTx, values: NewPayout): Promise<void> {
  await db.insert(payouts).values(values);
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

/** The provider took the payout and answers later: remember its id and look again at `leaseUntil`. */
export async function markPayoutPending(
  db: DbOrTx,
  payoutId: string,
  pending: { provider: string; providerPayoutId: string; leaseUntil: Date },
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
    .set({ ...outcome, leaseUntil: null })
    .where(and(eq(payouts.id, payoutId), inArray(payouts.status, ['sending', 'pending'])))
    .returning({ id: payouts.id });
  return settled.length > 0;
}
