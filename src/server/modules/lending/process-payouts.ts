import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { dateInZone } from '../../../domain/calendar';
import { disbursementLines } from '../../../domain/ledger';
import { formatRub } from '../../../domain/money';
import { PayoutError, type PayoutDestination, type PayoutResult } from '../../adapters/payouts/payout-port';
import {
  applicationEvents,
  contracts,
  loanApplications,
  loans,
  payouts,
} from '../../adapters/db/schema-loans';
import { borrowers } from '../../adapters/db/schema';
import { audit } from '../audit/audit';
import type { StoredPayoutMethod } from './application-view';
import type { Deps } from '../../deps';
import { book } from '../ledger/ledger-repository';
import { notifyBorrower } from '../messaging/notify-borrower';
import { openLoanServicing } from '../servicing/open-loan-servicing';
import { runPeriodically } from '../../jobs/run-periodically';

type PayoutRow = typeof payouts.$inferSelect;

/** How soon a pending payout is asked about again. */
const POLL_MS = 2_000;

function destinationOf(method: StoredPayoutMethod, holderName: string): PayoutDestination {
  switch (method.kind) {
    case 'card':
      return { kind: 'card', cardToken: method.token, last4: method.last4 };
    case 'sbp':
      return { kind: 'sbp', phone: method.phone, bankId: method.bankId };
    case 'bank_account':
      return { kind: 'bank_account', accountNumber: method.accountNumber, bik: method.bik, holderName };
  }
}

/**
 * Claims due payouts with FOR UPDATE SKIP LOCKED, so two workers never take the same one; a claim is a lease
 * that expires, so a payout whose worker died is picked up again.
 */
async function claimDue(deps: Deps, limit: number): Promise<PayoutRow[]> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
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
          leaseUntil: new Date(now.getTime() + deps.config.payouts.leaseMs),
          attempts: row.attempts + 1,
        })
        .where(eq(payouts.id, row.id));
    }
    return due;
  });
}

/** Asks the provider: a first send, a repeat after a crash (same idempotence key, so no second payment), or a poll. */
async function askProvider(deps: Deps, row: PayoutRow): Promise<PayoutResult> {
  if (row.status === 'pending' && row.providerPayoutId) return deps.payouts.getPayout(row.providerPayoutId);
  const [context] = await deps.db
    .select({
      number: contracts.number,
      surname: borrowers.surname,
      name: borrowers.name,
      patronymic: borrowers.patronymic,
    })
    .from(loans)
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(eq(loans.id, row.loanId));
  const holder = [context!.surname, context!.name, context!.patronymic].filter(Boolean).join(' ');
  return deps.payouts.createPayout({
    idempotenceKey: row.id,
    amount: row.amount,
    destination: destinationOf(row.destination as StoredPayoutMethod, holder),
    description: `Выдача займа по договору № ${context!.number}`,
    metadata: { loanId: row.loanId, payoutId: row.id },
  });
}

async function applyResult(deps: Deps, row: PayoutRow, result: PayoutResult): Promise<void> {
  const now = deps.clock.now();
  if (result.status === 'pending') {
    await deps.db
      .update(payouts)
      .set({
        status: 'pending',
        provider: deps.payouts.provider,
        providerPayoutId: result.providerPayoutId,
        leaseUntil: new Date(now.getTime() + POLL_MS),
      })
      .where(eq(payouts.id, row.id));
    return;
  }
  const succeeded = result.status === 'succeeded';
  const outcome = await deps.db.transaction(async (tx) => {
    const settled = await tx
      .update(payouts)
      .set({
        status: result.status,
        provider: deps.payouts.provider,
        providerPayoutId: result.providerPayoutId,
        failureReason: result.failureReason ?? null,
        settledAt: now,
        leaseUntil: null,
      })
      .where(and(eq(payouts.id, row.id), inArray(payouts.status, ['sending', 'pending'])))
      .returning({ id: payouts.id });
    if (settled.length === 0) return null; // another worker settled it first
    const [loan] = await tx
      .update(loans)
      .set(
        succeeded
          ? { status: 'active', disbursedOn: dateInZone(now, deps.config.timeZone) }
          : { status: 'cancelled' },
      )
      .where(eq(loans.id, row.loanId))
      .returning();
    if (succeeded) await openLoanServicing(tx, loan!, dateInZone(now, deps.config.timeZone));
    if (succeeded)
      await book(tx, {
        kind: 'disbursement',
        loanId: row.loanId,
        idempotencyKey: `payout:${row.id}`,
        businessDate: dateInZone(now, deps.config.timeZone),
        lines: disbursementLines(row.amount),
      });
    const status = succeeded ? 'paid_out' : 'payout_failed';
    await tx.update(loanApplications).set({ status }).where(eq(loanApplications.id, loan!.applicationId));
    await tx.insert(applicationEvents).values({
      applicationId: loan!.applicationId,
      status,
      at: now,
      note: succeeded ? null : `Не удалось перечислить деньги: ${result.failureReason ?? 'перевод отклонён'}`,
    });
    await audit(tx, null, {
      actorType: 'system',
      action: succeeded ? 'loan.paid-out' : 'loan.payout-failed',
      subjectId: row.loanId,
      details: { payoutId: row.id, providerPayoutId: result.providerPayoutId },
    });
    const [borrower] = await tx
      .select({ phone: borrowers.phone })
      .from(borrowers)
      .where(eq(borrowers.id, loan!.borrowerId));
    return borrower!.phone;
  });
  if (outcome)
    await notifyBorrower(
      deps,
      outcome,
      succeeded ? 'payout-succeeded' : 'payout-failed',
      succeeded
        ? `Заём ${formatRub(row.amount)} перечислен. График платежей — в личном кабинете.`
        : 'Не удалось перечислить заём. Выберите другой способ получения в личном кабинете.',
    );
}

/**
 * One pass of the payout worker: claim what is due, ask the provider, record the answer. Safe to run in any
 * number of processes at once. Returns how many payouts it handled.
 */
export async function processDuePayouts(deps: Deps, limit = 20): Promise<number> {
  const claimed = await claimDue(deps, limit);
  for (const row of claimed) {
    try {
      await applyResult(deps, row, await askProvider(deps, row));
    } catch (error) {
      if (error instanceof PayoutError && !error.retryable) {
        await applyResult(deps, row, {
          providerPayoutId: row.providerPayoutId ?? `refused:${row.id}`,
          status: 'failed',
          failureReason: 'перевод отклонён банком',
        });
      } else {
        // Retryable, or a crash-like failure: the lease runs out and the same idempotence key is sent again.
        deps.log.warn({ err: error, payoutId: row.id }, 'payout attempt failed; will retry');
      }
    }
  }
  return claimed.length;
}

/** Runs the payout worker every `intervalMs` until stopped. */
export function startPayoutWorker(deps: Deps, intervalMs = 1000): () => Promise<void> {
  return runPeriodically(deps, 'payout worker', () => processDuePayouts(deps), intervalMs);
}
