import type { Employment, PayoutKind } from './labels';
import type { LoanTerms } from './terms';

/**
 * The application form's values: the loan terms, employment, income in whole rubles, and the payout method. The
 * request body nests the payout fields the same way, so server errors find their fields.
 */
export type ApplyValues = LoanTerms & {
  employment: Employment | null;
  /** Whole rubles; '' while empty. */
  monthlyIncome: number | string;
  payoutMethod: {
    kind: PayoutKind;
    cardNumber: string;
    phone: string;
    bankId: string | null;
    accountNumber: string;
    bik: string;
  };
};
