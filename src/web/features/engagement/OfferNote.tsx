import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { engagementApi, type Offer } from '../../../contracts/engagement';
import { call } from '../../api/client';
import { formatDate } from '../../i18n/format';
import { formatWire } from '../loans/terms';

/** Query key of the borrower's offers (under ['me']). */
export const offersKey = ['me', 'offers'] as const;

/** The borrower's personal offers, read from the server. */
export const useMyOffers = () =>
  useQuery({ queryKey: offersKey, queryFn: () => call(engagementApi.myOffers) });

/** An offer in words: «ставка ниже на 0,1 % в день; сумма больше на 3 000 ₽ · до 31.12.2026». */
export function offerText(offer: Offer): string {
  const parts: string[] = [];
  if (offer.rateDiscountBp > 0)
    parts.push(`ставка ниже на ${(offer.rateDiscountBp / 100).toLocaleString('ru-RU')}\u00a0% в день`);
  if (offer.amountBonus !== '0') parts.push(`сумма больше на ${formatWire(offer.amountBonus)}`);
  return `${parts.join('; ')} — до ${formatDate(offer.validTo)}`;
}

/**
 * The personal offer that applies to the next contract, if any: on the dashboard and above the calculator. The
 * calculator's quote is already priced with it, and so are the contract and its PSK.
 */
export function OfferNote() {
  const offers = useMyOffers();
  const offer = offers.data?.applies;
  if (!offer) return null;
  return (
    <Alert color="teal" variant="light" p="sm" title={`Персональное предложение: ${offer.title}`}>
      <Text size="sm">{offerText(offer)}. Уже учтено в расчёте, договоре и полной стоимости займа.</Text>
    </Alert>
  );
}
