import type { Allocation, DebtBucket } from './servicing';
import type { Kopecks } from './money';

/**
 * The accounts of a loan. Debits are positive, credits negative:
 * - receivables (what the borrower owes, positive): principal, principal_overdue, interest, interest_overdue,
 *   penalty, fees;
 * - overpayment (what we owe the borrower, negative);
 * - interest_income, penalty_income (what was ever accrued, negative): their sum is what counts toward the cap.
 */
export const LOAN_ACCOUNT_CODES = [
  'principal',
  'principal_overdue',
  'interest',
  'interest_overdue',
  'penalty',
  'fees',
  'overpayment',
  'interest_income',
  'penalty_income',
] as const;
export type LoanAccountCode = (typeof LOAN_ACCOUNT_CODES)[number];
/**
 * The lender's own accounts: the bank account money leaves by payout and arrives by acquiring; the marketing
 * expense that bonus points spent on interest cost the lender (issue 14).
 */
export type LenderAccountCode = 'bank' | 'marketing_expense';
export const LEDGER_ACCOUNT_CODES = [...LOAN_ACCOUNT_CODES, 'bank', 'marketing_expense'] as const;

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

const loanLine = (account: LoanAccountCode, amount: Kopecks): PostingLine => ({
  account,
  ofLoan: true,
  amount,
});

/** Drops zero lines: an entry records only what moved. */
const moved = (lines: PostingLine[]) => lines.filter((l) => l.amount !== 0n);

/** Disbursement: the borrower now owes the principal; the money left the lender's bank account. */
export function disbursementLines(principal: Kopecks): PostingLine[] {
  return [loanLine('principal', principal), { account: 'bank', ofLoan: false, amount: -principal }];
}

/** Interest and penalty accrued: the borrower owes more, the lender earned it. */
export function accrualLines(interest: Kopecks, penalty: Kopecks): PostingLine[] {
  return moved([
    loanLine('interest', interest),
    loanLine('interest_income', -interest),
    loanLine('penalty', penalty),
    loanLine('penalty_income', -penalty),
  ]);
}

/** What fell due and was not paid becomes overdue (a reclassification: the debt does not change). */
export function overdueLines(interest: Kopecks, principal: Kopecks): PostingLine[] {
  return moved([
    loanLine('interest_overdue', interest),
    loanLine('interest', -interest),
    loanLine('principal_overdue', principal),
    loanLine('principal', -principal),
  ]);
}

/** The account each part of the debt lives in. */
export const BUCKET_ACCOUNT: Record<DebtBucket, LoanAccountCode> = {
  overdueInterest: 'interest_overdue',
  overduePrincipal: 'principal_overdue',
  penalty: 'penalty',
  currentInterest: 'interest',
  currentPrincipal: 'principal',
  fees: 'fees',
};

/** A payment received: the money is in the bank, each part of the debt it covers is reduced, the rest is owed back. */
export function paymentLines(amount: Kopecks, allocation: Allocation): PostingLine[] {
  const parts = (Object.keys(BUCKET_ACCOUNT) as DebtBucket[]).map((bucket) =>
    loanLine(BUCKET_ACCOUNT[bucket], -allocation.applied[bucket]),
  );
  return moved([
    { account: 'bank', ofLoan: false, amount },
    ...parts,
    loanLine('overpayment', -allocation.overpayment),
  ]);
}

/** An overpayment returned to the borrower. */
export function refundLines(amount: Kopecks): PostingLine[] {
  return [loanLine('overpayment', amount), { account: 'bank', ofLoan: false, amount: -amount }];
}

/**
 * Bonus points spent on interest (issue 14): the interest receivable is reduced by `discount` kopecks — overdue
 * interest first, then current (the legal order of 353-FZ art. 5 p. 20) — against the lender's marketing expense.
 * The accrued interest income stays as it was (it still counts toward the legal cap). Throws when `discount`
 * exceeds the interest owed.
 */
export function pointsDiscountLines(
  discount: Kopecks,
  owed: { interest: Kopecks; interestOverdue: Kopecks },
): PostingLine[] {
  if (discount > owed.interest + owed.interestOverdue)
    throw new UnbalancedEntryError('discount above the interest');
  const fromOverdue = discount < owed.interestOverdue ? discount : owed.interestOverdue;
  return moved([
    { account: 'marketing_expense', ofLoan: false, amount: discount },
    loanLine('interest_overdue', -fromOverdue),
    loanLine('interest', -(discount - fromOverdue)),
  ]);
}
