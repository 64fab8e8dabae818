import { offerValidOn } from '../../../domain/offers';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { businessToday } from '../servicing/loan-account';
import { activateOffer, findOfferByCode, findUse } from './offers-repository';

/** A promo code as stored: trimmed, upper-case. */
export const normalizePromoCode = (code: string): string => code.trim().toUpperCase();

/**
 * Checks a promo code on the server and activates its offer for the borrower: PROMO_CODE_INVALID when there is no
 * such code, it is not in force today, or it is addressed to someone else; PROMO_CODE_USED when it is single-use
 * and this borrower already signed a contract with it. Activating twice changes nothing.
 */
export async function activatePromoCode(
  deps: Deps,
  input: { borrowerId: string; code: string },
): Promise<{ offerId: string }> {
  const offer = await findOfferByCode(deps.db, normalizePromoCode(input.code));
  const today = businessToday(deps);
  if (!offer || !offerValidOn(offer, today) || (offer.borrowerId && offer.borrowerId !== input.borrowerId))
    throw new AppError('PROMO_CODE_INVALID');
  const use = await findUse(deps.db, offer.id, input.borrowerId);
  if (offer.singleUse && use?.contractId) throw new AppError('PROMO_CODE_USED');
  await activateOffer(deps.db, { offerId: offer.id, borrowerId: input.borrowerId, at: deps.clock.now() });
  return { offerId: offer.id };
}
