import type { IsoDate } from './calendar';
import type { Kopecks } from './money';

/**
 * A limit on how many unpaid loans of a kind a borrower may hold when a new one is issued: a new loan whose
 * PSK exceeds `pskAbovePercent` is refused while the borrower already has `maxUnpaid` unpaid loans with a PSK
 * above that level. Enforced by eligibility, modelled here because it is dated law.
 */
export type UnpaidLoanLimit = {
  /** Decimal string, percent per year, e.g. '200'. Strictly above this counts. */
  pskAbovePercent: string;
  /** How many unpaid loans above that PSK the borrower may already hold and still get a new one. */
  maxUnpaid: number;
};

/**
 * The price rules of consumer loans up to one year (domain-rules.md §1, §3, §4) that apply to contracts signed
 * on or after `validFrom` until the next set starts. Every set is complete: no field is inherited at run time,
 * so a contract keeps exactly the rules of the day it was signed.
 */
export type LegalRuleSet = {
  id: string;
  validFrom: IsoDate;
  /** Maximum interest rate per day in basis points (1 bp = 0.01 %): 80 = 0.8 % a day. */
  maxDailyRateBp: number;
  /**
   * Cap on everything accrued (interest + penalties + fees + paid services), percent of principal. Once
   * reached, nothing more accrues.
   */
  totalCostCapPercentOfPrincipal: number;
  /**
   * Absolute maximum PSK for an MFO, percent per year, decimal string. The Bank of Russia quarterly average
   * + 1/3 may be lower: that is data the back office enters and the quote takes as an extra ceiling.
   */
  maxPskPercent: string;
  /** Fixed fees on a loan of at most `shortLoanMaxDays` days and at most `shortLoanMaxPrincipal`: percent cap. */
  shortLoanFixedFeeCapPercent: number;
  shortLoanMaxDays: number;
  shortLoanMaxPrincipal: Kopecks;
  /** Penalty while interest still accrues on the overdue amount: percent per year. */
  maxPenaltyPercentPerYearWithInterest: number;
  /** Penalty when no interest accrues: basis points per day (10 = 0.1 % a day). */
  maxPenaltyDailyBpWithoutInterest: number;
  /** Prolongations per contract (Bank of Russia base standard for MFOs). [verify] default 5. */
  maxProlongations: number;
  /** Short loans per borrower per year with one lender. */
  maxShortLoansPerYear: number;
  /** Limits on unpaid loans by PSK; empty before 2026-10-01. Every limit in the list applies. */
  unpaidLoanLimits: readonly UnpaidLoanLimit[];
  /** From 2027-01-01 no agreement may turn unpaid interest or penalties into principal. */
  capitalisationOfInterestForbidden: boolean;
  /**
   * Days a borrower waits after repaying a loan with PSK above 100 % before a new one; null = no wait.
   * [verify: 3 or 4 days] default 4 (the stricter reading), from 2027-01-01.
   */
  waitDaysAfterHighPskLoan: number | null;
};

const FROM_2023_07_01: LegalRuleSet = {
  id: '2023-07-01',
  validFrom: '2023-07-01',
  maxDailyRateBp: 80,
  totalCostCapPercentOfPrincipal: 130,
  maxPskPercent: '292',
  shortLoanFixedFeeCapPercent: 15,
  shortLoanMaxDays: 15,
  shortLoanMaxPrincipal: 1_000_000n, // 10 000 RUB
  maxPenaltyPercentPerYearWithInterest: 20,
  maxPenaltyDailyBpWithoutInterest: 10,
  maxProlongations: 5,
  maxShortLoansPerYear: 9,
  unpaidLoanLimits: [],
  capitalisationOfInterestForbidden: false,
  waitDaysAfterHighPskLoan: null,
};

const FROM_2026_04_01: LegalRuleSet = {
  ...FROM_2023_07_01,
  id: '2026-04-01',
  validFrom: '2026-04-01',
  totalCostCapPercentOfPrincipal: 100,
};

const FROM_2026_10_01: LegalRuleSet = {
  ...FROM_2026_04_01,
  id: '2026-10-01',
  validFrom: '2026-10-01',
  unpaidLoanLimits: [{ pskAbovePercent: '200', maxUnpaid: 2 }],
};

const FROM_2027_01_01: LegalRuleSet = {
  ...FROM_2026_10_01,
  id: '2027-01-01',
  validFrom: '2027-01-01',
  capitalisationOfInterestForbidden: true,
  waitDaysAfterHighPskLoan: 4,
};

const FROM_2027_04_01: LegalRuleSet = {
  ...FROM_2027_01_01,
  id: '2027-04-01',
  validFrom: '2027-04-01',
  // At most one unpaid loan with PSK above 100 % (which also covers the 200 % limit).
  unpaidLoanLimits: [
    { pskAbovePercent: '200', maxUnpaid: 2 },
    { pskAbovePercent: '100', maxUnpaid: 1 },
  ],
};

/** The dated rule sets, oldest first. */
export const LEGAL_RULE_SETS: readonly LegalRuleSet[] = Object.freeze([
  FROM_2023_07_01,
  FROM_2026_04_01,
  FROM_2026_10_01,
  FROM_2027_01_01,
  FROM_2027_04_01,
]);

export class NoRuleSetError extends Error {
  override readonly name = 'NoRuleSetError';
  constructor(readonly date: IsoDate) {
    super(`no legal rule set in force on ${date}`);
  }
}

/**
 * The rule set in force on `date` (the contract date): the one with the latest `validFrom` not after `date`.
 * The order of `sets` does not matter. Throws `NoRuleSetError` before the first set (or for a malformed date).
 */
export function ruleSetOn(date: IsoDate, sets: readonly LegalRuleSet[] = LEGAL_RULE_SETS): LegalRuleSet {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new NoRuleSetError(date);
  let found: LegalRuleSet | undefined;
  for (const set of sets) {
    if (set.validFrom <= date && (!found || set.validFrom > found.validFrom)) found = set;
  }
  if (!found) throw new NoRuleSetError(date);
  return found;
}
