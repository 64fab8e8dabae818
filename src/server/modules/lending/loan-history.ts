import type { QuoteView } from '../../../contracts';
import { addDays, type IsoDate } from '../../../domain/calendar';
import { WAIT_PSK_ABOVE_PERCENT } from '../../../domain/decision';
import { parsePercentThousandths } from '../../../domain/psk';
import type { Deps } from '../../deps';
import { listBorrowerLoans } from './application-repository';

/** The latest closing date ('YYYY-MM-DD') of a repaid loan with PSK strictly above `percent`, or null. */
function lastRepaidAbove(held: { closedOn: string | null; pskPercent: string }[], percent: string) {
  const threshold = parsePercentThousandths(percent);
  let last: IsoDate | null = null;
  for (const loan of held)
    if (
      loan.closedOn &&
      parsePercentThousandths(loan.pskPercent) > threshold &&
      (!last || loan.closedOn > last)
    )
      last = loan.closedOn;
  return last;
}

/**
 * The borrower's loans as the legal limits and the decision see them on `today`: how many are unpaid and their
 * PSKs (percent strings), the loans taken in the last 365 days, whether they ever borrowed, and the day they
 * last repaid a loan with PSK above 100 % (null if never).
 */
export async function borrowerLoanHistory(
  deps: Deps,
  { borrowerId, today }: { borrowerId: string; today: IsoDate },
) {
  const held = await listBorrowerLoans(deps.db, borrowerId);
  const unpaid = held.filter((l) => l.status !== 'closed');
  const yearAgo = new Date(`${addDays(today, -365)}T00:00:00Z`);
  return {
    activeLoans: unpaid.length,
    unpaidLoanPsks: unpaid.map(
      (r) => (r.decision as { offer?: QuoteView } | null)?.offer?.pskPercent ?? '0.000',
    ),
    shortLoansThisYear: held.filter((r) => r.createdAt >= yearAgo).length,
    everBorrowed: held.length > 0,
    lastHighPskLoanRepaidOn: lastRepaidAbove(held, WAIT_PSK_ABOVE_PERCENT),
  };
}
