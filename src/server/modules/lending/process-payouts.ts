import { dateInZone } from '../../../domain/calendar';
import { disbursementLines } from '../../../domain/ledger';
import { formatRub } from '../../../domain/money';
import { PayoutError, type PayoutResult } from '../../adapters/payouts/payout-port';
import type { Deps } from '../../deps';
import { runPeriodically } from '../../jobs/run-periodically';
import { audit } from '../audit/audit';
import { loadBorrower } from '../identity/borrower-view';
import { book } from '../ledger/ledger-repository';
import { notifyBorrower } from '../messaging/notify-borrower';
import { openLoanServicing } from '../servicing/open-loan-servicing';
import { addApplicationEvents, setApplicationStatus } from './application-repository';
import { updateLoanStatus } from './loan-repository';
import { toPayoutDestination, type StoredPayoutMethod } from './payout-method';
import {
  claimDuePayouts,
  getPayoutContext,
  markPayoutPending,
  settlePayout,
  type PayoutRow,
} from './payout-repository';

/** How soon a pending payout is asked about again. */
const POLL_MS = 2_000;

/** Asks the provider: a first send, a repeat after a crash (same idempotence key, so no second payment), or a poll. */
async function askProvider(deps: Deps, row: PayoutRow): Promise<PayoutResult> {
  if (row.status === 'pending' && row.providerPayoutId) return deps.payouts.getPayout(row.providerPayoutId);
  const context = await getPayoutContext(deps.db, row.loanId);
  const holder = [context.surname, context.name, context.patronymic].filter(Boolean).join(' ');
  return deps.payouts.createPayout({
    idempotenceKey: row.id,
    amount: row.amount,
    destination: toPayoutDestination(row.destination as StoredPayoutMethod, holder),
    description: `Выдача займа по договору № ${context.number}`,
    metadata: { loanId: row.loanId, payoutId: row.id },
  });
}

/**
 * Records the provider's final answer in one transaction: the payout, the loan (active and booked in the ledger,
 * or cancelled), the application and its timeline, the audit. Returns the borrower's phone to notify, or null when
 * another worker settled the payout first.
 */
async function settle(deps: Deps, row: PayoutRow, result: PayoutResult & { status: 'succeeded' | 'failed' }) {
  const now = deps.clock.now();
  const today = dateInZone(now, deps.config.timeZone);
  const succeeded = result.status === 'succeeded';
  return deps.db.transaction(async (tx) => {
    const settled = await settlePayout(tx, row.id, {
      status: result.status,
      provider: deps.payouts.provider,
      providerPayoutId: result.providerPayoutId,
      failureReason: result.failureReason ?? null,
      settledAt: now,
    });
    if (!settled) return null; // another worker settled it first
    const loan = await updateLoanStatus(
      tx,
      row.loanId,
      succeeded ? { status: 'active', disbursedOn: today } : { status: 'cancelled' },
    );
    if (succeeded) {
      await openLoanServicing(tx, loan, today);
      await book(tx, {
        kind: 'disbursement',
        loanId: row.loanId,
        idempotencyKey: `payout:${row.id}`,
        businessDate: today,
        lines: disbursementLines(row.amount),
      });
    }
    const status = succeeded ? 'paid_out' : 'payout_failed';
    await setApplicationStatus(tx, loan.applicationId, status);
    const note = succeeded
      ? null
      : `Не удалось перечислить деньги: ${result.failureReason ?? 'перевод отклонён'}`;
    await addApplicationEvents(tx, [{ applicationId: loan.applicationId, status, at: now, note }]);
    await audit(tx, {
      actor: { kind: 'system' },
      action: succeeded ? 'loan.paid-out' : 'loan.payout-failed',
      subjectId: row.loanId,
      details: { payoutId: row.id, providerPayoutId: result.providerPayoutId },
    });
    return (await loadBorrower(tx, loan.borrowerId)).phone;
  });
}

async function applyResult(deps: Deps, row: PayoutRow, result: PayoutResult): Promise<void> {
  if (result.status === 'pending') {
    await markPayoutPending(deps.db, row.id, {
      provider: deps.payouts.provider,
      providerPayoutId: result.providerPayoutId,
      leaseUntil: new Date(deps.clock.now().getTime() + POLL_MS),
    });
    return;
  }
  const succeeded = result.status === 'succeeded';
  const phone = await settle(deps, row, { ...result, status: result.status });
  if (phone)
    await notifyBorrower(
      deps,
      phone,
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
  const now = deps.clock.now();
  const claimed = await deps.db.transaction((tx) =>
    claimDuePayouts(tx, now, deps.config.payouts.leaseMs, limit),
  );
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
