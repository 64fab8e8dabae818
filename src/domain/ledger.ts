import type { Kopecks } from './money';

/** The accounts of a loan, and the lender's own. */
export type LoanAccountCode = 'principal' | 'interest' | 'penalty' | 'fees' | 'overpayment';
export type LenderAccountCode = 'bank';

export type PostingLine =
  | { account: LoanAccountCode; ofLoan: true; amount: Kopecks }
  | { account: LenderAccountCode; ofLoan: false; amount: Kopecks };

export class UnbalancedEntryError extends Error {}

/** Debits positive, credits negative: an entry is valid only when its lines sum to zero. */
export function assertBalanced(lines: readonly PostingLine[]): void {
  const total = lines.reduce((sum, l) => sum + l.amount, 0n);
  if (lines.length < 2 || total !== 0n)
    throw new UnbalancedEntryError(`entry of ${lines.length} lines sums to ${total}`);
}

/** Disbursement: the borrower now owes the principal; the money left the lender's bank account. */
export function disbursementLines(principal: Kopecks): PostingLine[] {
  return [
    { account: 'principal', ofLoan: true, amount: principal },
    { account: 'bank', ofLoan: false, amount: -principal },
  ];
}
