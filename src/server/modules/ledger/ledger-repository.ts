import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  assertBalanced,
  type LenderAccountCode,
  type LoanAccountCode,
  type PostingLine,
} from '../../../domain/ledger';
import type { DbOrTx } from '../../adapters/db/database';
import { journalEntries, ledgerAccounts, postings } from '../../adapters/db/schema-loans';
import { loanServicingState } from '../../adapters/db/schema-servicing';

/**
 * The ledger's repository: double-entry, append-only. Writes journal entries with their postings and reads
 * account balances; nothing else touches the ledger tables. Amounts are kopecks (bigint), a loan's debit positive.
 */

/** The id of a loan's (or, with `loanId` null, the lender's) account of this code, created on first use. */
async function accountId(db: DbOrTx, loanId: string | null, code: LoanAccountCode | LenderAccountCode) {
  await db.insert(ledgerAccounts).values({ loanId, code }).onConflictDoNothing();
  const [row] = await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(
      and(
        loanId ? eq(ledgerAccounts.loanId, loanId) : isNull(ledgerAccounts.loanId),
        eq(ledgerAccounts.code, code),
      ),
    );
  return row!.id;
}

/**
 * Books one journal entry, once: a second call with the same idempotency key books nothing and returns false.
 * `businessDate` is 'YYYY-MM-DD'; the lines must sum to zero (assertBalanced throws otherwise). The database
 * checks the balance again at commit and refuses any later change.
 * Throws Error when the loan still holds interest the close accrued and did not book
 * (loan_servicing_state.unbooked_interest): an entry must land on a fully booked loan, so the caller books the
 * accrual first (accrueLoans with kind 'accrual', as a payment does); otherwise it could pay or move interest the
 * ledger does not hold yet.
 */
export async function book(
  db: DbOrTx,
  entry: { kind: string; loanId: string; idempotencyKey: string; businessDate: string; lines: PostingLine[] },
): Promise<boolean> {
  assertBalanced(entry.lines);
  const [state] = await db
    .select({ unbooked: loanServicingState.unbookedInterest })
    .from(loanServicingState)
    .where(eq(loanServicingState.loanId, entry.loanId));
  if (state && state.unbooked !== 0n)
    throw new Error(
      `ledger: loan ${entry.loanId} has unbooked interest; book its accrual before ${entry.kind}`,
    );
  const [created] = await db
    .insert(journalEntries)
    .values({
      kind: entry.kind,
      loanId: entry.loanId,
      idempotencyKey: entry.idempotencyKey,
      businessDate: entry.businessDate,
    })
    .onConflictDoNothing({ target: journalEntries.idempotencyKey })
    .returning({ id: journalEntries.id });
  if (!created) return false;
  const rows = [];
  for (const line of entry.lines)
    rows.push({
      entryId: created.id,
      accountId: await accountId(db, line.ofLoan ? entry.loanId : null, line.account),
      amount: line.amount,
    });
  // One statement: the database checks that the entry balances at the end of it (migration 0004).
  await db.insert(postings).values(rows);
  return true;
}

/** The balance (kopecks, the sum of the postings) of a loan's account: what the borrower sees comes from here. */
export async function loanBalance(db: DbOrTx, loanId: string, code: LoanAccountCode): Promise<bigint> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${postings.amount}), 0)` })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(postings.accountId, ledgerAccounts.id))
    .where(and(eq(ledgerAccounts.loanId, loanId), eq(ledgerAccounts.code, code)));
  return BigInt(row?.total ?? 0);
}
