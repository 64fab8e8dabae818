import { dateInZone } from '../../../domain/calendar';
import { disbursementLines } from '../../../domain/ledger';
import { formatRub } from '../../../domain/money';
import { PayoutError, type PayoutResult } from '../../adapters/payouts/payout-port';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { enqueueJob } from '../../jobs/job-repository';
import { exponentialBackoff, runDueJobs, type JobHandler } from '../../jobs/run-jobs';
import { audit } from '../audit/audit';
import { book } from '../ledger/ledger-repository';
import { notifyBorrower, type SendNow } from '../messaging/notify-borrower';
import { openLoanServicing } from '../servicing/open-loan-servicing';
import { addApplicationEvents, setApplicationStatus } from './application-repository';
import { updateLoanStatus } from './loan-repository';
import { toPayoutDestination, type StoredPayoutMethod } from './payout-method';
import {
  findPayout,
  findPayoutHold,
  getPayoutContext,
  insertPayout,
  markPayoutPending,
  markPayoutSending,
  settlePayout,
  type NewPayout,
  type PayoutRow,
} from './payout-repository';

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
 * or cancelled), the application and its timeline, the audit, and the borrower's SMS. Returns the SMS's send-now, or
 * null when another worker settled the payout first.
 */
async function settle(
  deps: Deps,
  row: PayoutRow,
  result: PayoutResult & { status: 'succeeded' | 'failed' },
): Promise<SendNow | null> {
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
    return notifyBorrower(deps, tx, {
      borrowerId: loan.borrowerId,
      kind: succeeded ? 'payout-succeeded' : 'payout-failed',
      text: succeeded
        ? `Заём ${formatRub(row.amount)} перечислен. График платежей — в личном кабинете.`
        : 'Не удалось перечислить заём. Выберите другой способ получения в личном кабинете.',
    });
  });
}

/** How soon a pending payout is asked about again. */
const POLL_MS = 2_000;

/**
 * The job that sends one payout: marks it as sending (from then on the borrower cannot cancel it), asks the provider
 * (the payout's id is the idempotence key, so a repeat after a crash never pays twice), and records the answer. A
 * pending answer is asked about again in POLL_MS; a refusal settles the payout as failed; a retryable error (or a
 * crash: the lease runs out, PAYOUT_LEASE_SECONDS) is tried again with the same key.
 */
export const sendPayout: JobHandler<'payout.send'> = {
  leaseMs: (deps) => deps.config.payouts.leaseMs,
  retryDelayMs: exponentialBackoff(5_000, 10 * 60_000),
  run: async (deps, { payoutId }) => {
    const found = await findPayout(deps.db, payoutId);
    if (!found || !['scheduled', 'sending', 'pending'].includes(found.status)) return;
    if (found.status === 'scheduled') {
      // After a phone change the new requisites wait PHONE_CHANGE_PAYOUT_HOLD_HOURS (issue 12).
      const heldUntil = await findPayoutHold(deps.db, found.loanId);
      if (heldUntil && heldUntil > deps.clock.now()) return { runAgainAt: heldUntil };
    }
    if (found.status === 'scheduled' && !(await markPayoutSending(deps.db, payoutId))) return; // cancelled meanwhile
    const row = found.status === 'scheduled' ? { ...found, status: 'sending' as const } : found;
    let result: PayoutResult;
    try {
      result = await askProvider(deps, row);
    } catch (error) {
      if (!(error instanceof PayoutError) || error.retryable) throw error;
      result = {
        providerPayoutId: row.providerPayoutId ?? `refused:${row.id}`,
        status: 'failed',
        failureReason: 'перевод отклонён банком',
      };
    }
    if (result.status === 'pending') {
      await markPayoutPending(deps.db, row.id, {
        provider: deps.payouts.provider,
        providerPayoutId: result.providerPayoutId,
      });
      return { runAgainAt: new Date(deps.clock.now().getTime() + POLL_MS) };
    }
    const sendNow = await settle(deps, row, { ...result, status: result.status });
    await sendNow?.();
  },
};

/**
 * Writes the payout order of a signed contract and queues its job, in the signature's transaction `db`: the job
 * runs at `notBefore` (after the cooling-off). Returns the payout's id.
 */
export async function schedulePayout(db: DbOrTx, payout: NewPayout & { notBefore: Date }): Promise<string> {
  const payoutId = await insertPayout(db, payout);
  await enqueueJob(db, {
    queue: 'payout.send',
    payload: { payoutId },
    runAt: payout.notBefore,
    dedupeKey: `payout.send:${payoutId}`,
  });
  return payoutId;
}

/** Runs every payout job that is due now on the business clock (tests and the demo drive payouts with it). */
export const processDuePayouts = (deps: Deps) => runDueJobs(deps, { 'payout.send': sendPayout });
