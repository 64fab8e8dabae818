import { z } from 'zod';
import { ZKopecks } from '../../../contracts/kopecks';
import { parseKopecks, toWire } from '../../../domain/money';

/** The individual terms as stored in `contracts.terms` (JSON): kopecks as decimal strings. */
const ZStoredContractTerms = z.object({
  amount: ZKopecks,
  term: z.number().int(),
  pskPercent: z.string(),
  pskRub: ZKopecks,
  ruleSetId: z.string(),
  firstLoan: z.boolean(),
  dailyRateBp: z.number().int(),
  /** The personal offer applied (engagement/personal offers), if any. */
  offerId: z.string().nullable().optional(),
});

/**
 * The individual terms of a contract, fixed when it is drawn up: `amount` (principal) and `pskRub` in kopecks,
 * `term` in the product's unit (days for payday, weeks for instalment), `pskPercent` a decimal string such as
 * "292.000", `dailyRateBp` basis points a day, `ruleSetId` the legal rule set of the contract date.
 */
export type ContractTerms = {
  amount: bigint;
  term: number;
  pskPercent: string;
  pskRub: bigint;
  ruleSetId: string;
  firstLoan: boolean;
  dailyRateBp: number;
  /** The personal offer whose rate discount is in `dailyRateBp` (and so in the PSK), if any. */
  offerId?: string | null;
};

/** Reads stored terms; throws a ZodError when the JSON does not have the shape written by `storedContractTerms`. */
export function parseContractTerms(json: unknown): ContractTerms {
  const stored = ZStoredContractTerms.parse(json);
  return { ...stored, amount: parseKopecks(stored.amount), pskRub: parseKopecks(stored.pskRub) };
}

/** The JSON stored for `terms` (kopecks as decimal strings); `parseContractTerms` reads it back. */
export function storedContractTerms(terms: ContractTerms): z.input<typeof ZStoredContractTerms> {
  return { ...terms, amount: toWire(terms.amount), pskRub: toWire(terms.pskRub) };
}
