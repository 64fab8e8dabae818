import { z } from 'zod';

/**
 * The terms a signed contract stores in `contracts.terms` (jsonb), as lending's prepare-contract writes them:
 * amount and PSK in rubles as kopeck decimal strings, the term in days (payday) or weeks (instalment), the PSK
 * percent as the contract prints it, the rule set and the daily rate in basis points.
 */
export const ZContractTerms = z.object({
  /** Principal, kopecks as a decimal string. */
  amount: z.string().regex(/^\d+$/),
  /** Days for a payday loan, weeks for an instalment loan. */
  term: z.coerce.number().int().positive(),
  pskPercent: z.string(),
  /** PSK in rubles, kopecks as a decimal string. */
  pskRub: z.string().regex(/^-?\d+$/),
  ruleSetId: z.string(),
  firstLoan: z.boolean(),
  /** Interest rate, basis points a day. */
  dailyRateBp: z.coerce.number().int().nonnegative(),
});

/** A contract's terms, typed. */
export type ContractTerms = z.infer<typeof ZContractTerms>;

/**
 * Reads a contract's terms jsonb; throws (a ZodError: a stored contract that does not parse is a defect, not a
 * borrower's mistake) when a field is missing or of the wrong shape.
 */
export function parseContractTerms(terms: unknown): ContractTerms {
  return ZContractTerms.parse(terms);
}
