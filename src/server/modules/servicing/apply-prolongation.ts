import type { IsoDate } from '../../../domain/calendar';
import { interestBetween } from '../../../domain/interest';
import { formatRub, type Kopecks } from '../../../domain/money';
import { formatRuDate } from '../../../domain/russian';
import type { Instalment } from '../../../domain/schedule';
import type { Tx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { postMessage } from '../messaging/post-message';
import { businessToday, type LoanRow } from './loan-account';
import { readBalances, saveSchedule, updateLoan } from './loan-repository';
import { markProlongationInForce } from './prolongation-repository';

/**
 * The one instalment of a payday loan after prolongation: the principal (kopecks) and the interest from `from`
 * to the new due date at the loan's daily rate (domain/interest.ts, rounded down); nothing remains after it.
 */
export function prolongedInstalment(
  loan: Pick<LoanRow, 'dailyRateBp'>,
  principal: Kopecks,
  from: IsoDate,
  dueDate: IsoDate,
): Instalment {
  const interest = interestBetween(principal, loan.dailyRateBp, from, dueDate);
  return { n: 1, dueDate, principal, interest, total: principal + interest, remainingPrincipal: 0n };
}

/**
 * Puts a signed prolongation in force once its payment is credited (in the payment's transaction `tx`; `loan`:
 * the loan row as locked there): the due date moves, the schedule gets a new version, the count grows, and the
 * borrower is told. A prolongation not awaiting payment (already applied or expired) changes nothing.
 */
export async function applyProlongation(
  deps: Deps,
  options: { tx: Tx; prolongationId: string; loan: LoanRow },
): Promise<void> {
  const { tx, loan } = options;
  const row = await markProlongationInForce(tx, {
    prolongationId: options.prolongationId,
    appliedAt: deps.clock.now(),
  });
  if (!row) return;
  const balances = await readBalances(tx, loan.id);
  const principal = balances.principal + balances.principalOverdue;
  const version = loan.scheduleVersion + 1;
  const instalment = prolongedInstalment(loan, principal, businessToday(deps), row.newDueDate);
  await saveSchedule(tx, loan.id, version, [instalment]);
  await updateLoan(tx, loan.id, { scheduleVersion: version, prolongations: loan.prolongations + 1 });
  await postMessage(tx, {
    borrowerId: loan.borrowerId,
    loanId: loan.id,
    kind: 'prolongation_signed',
    text: `Заём продлён до ${formatRuDate(row.newDueDate)} (допсоглашение № ${row.number}). Сумма к возврату — ${formatRub(instalment.total)}.`,
    dedupeKey: `prolonged:${row.id}`,
    now: deps.clock.now(),
  });
}
