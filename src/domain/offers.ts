import type { IsoDate } from './calendar';
import type { DecisionPolicy } from './decision';
import type { Kopecks } from './money';

/**
 * Special conditions (issue 14): a personal offer gives a discount on the daily rate (basis points a day) and/or a
 * larger pre-approved amount (kopecks), within a period. Pure rules: which offer applies.
 */
export type OfferTerms = {
  id: string;
  rateDiscountBp: number;
  amountBonus: Kopecks;
  validFrom: IsoDate;
  validTo: IsoDate;
};

/** Whether the offer is in force on `date` (both ends included). */
export const offerValidOn = (offer: Pick<OfferTerms, 'validFrom' | 'validTo'>, date: IsoDate): boolean =>
  offer.validFrom <= date && date <= offer.validTo;

/**
 * The one offer that applies on `date` among those the borrower may use: offers never add up; the largest rate
 * discount wins, then the largest amount bonus, then the one ending first (so it is used before it lapses), then
 * the id. Null when none is in force.
 */
export function bestOffer<T extends OfferTerms>(offers: readonly T[], date: IsoDate): T | null {
  const valid = offers.filter((o) => offerValidOn(o, date));
  valid.sort(
    (a, b) =>
      b.rateDiscountBp - a.rateDiscountBp ||
      (b.amountBonus > a.amountBonus ? 1 : b.amountBonus < a.amountBonus ? -1 : 0) ||
      a.validTo.localeCompare(b.validTo) ||
      a.id.localeCompare(b.id),
  );
  return valid[0] ?? null;
}

/**
 * The decision policy with a personal offer's larger pre-approved amount: the amount the automatic decision
 * approves without a specialist (`manualReviewFirstLoanAbove`, kopecks) grows by the offer's `amountBonus`. The
 * debt load, the legal limits and the product's range still cap the approved amount — an offer never lends more
 * than the borrower can repay.
 */
export const policyWithOffer = (
  policy: DecisionPolicy,
  offer: Pick<OfferTerms, 'amountBonus'> | null | undefined,
): DecisionPolicy =>
  offer && offer.amountBonus > 0n
    ? { ...policy, manualReviewFirstLoanAbove: policy.manualReviewFirstLoanAbove + offer.amountBonus }
    : policy;
