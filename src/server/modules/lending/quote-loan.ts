import type { QuoteView } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { parseKopecks } from '../../../domain/money';
import { quote, QuoteError, type Quote } from '../../../domain/quote';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { toDomainProduct } from './loan-products';
import { pskCeilingFor } from './psk-ceilings';
import { getActiveProduct, type ProductRow } from './product-repository';
import { toQuoteView } from './views';

const FIELD_OF: Record<string, 'amount' | 'term'> = {
  AMOUNT_OUT_OF_RANGE: 'amount',
  AMOUNT_NOT_ON_STEP: 'amount',
  TERM_OUT_OF_RANGE: 'term',
};

/** '292.000' → '292,000 %' (Russian decimal comma). */
const percentText = (percent: string) => `${percent.replace('.', ',')} %`;

function explain(product: ProductRow, error: QuoteError, ceilingLabel: string | undefined): AppError {
  if (error.code === 'PSK_ABOVE_LEGAL_MAX' && error.psk) {
    const source = ceilingLabel
      ? `предельное значение Банка России для категории «${ceilingLabel}»`
      : 'предельное значение по закону';
    return new AppError('QUOTE_INVALID', {
      detail: `Полная стоимость такого займа — ${percentText(error.psk.percent)} годовых, а ${source} — ${percentText(error.psk.ceilingPercent)}. Выберите другие сумму или срок.`,
      errors: [{ path: 'term', message: `ПСК выше предельной (${percentText(error.psk.ceilingPercent)})` }],
    });
  }
  const unit = product.kind === 'payday' ? 'дней' : 'недель';
  const messages: Record<'amount' | 'term', string> = {
    amount: `Сумма — от ${Number(product.minAmount / 100n)} до ${Number(product.maxAmount / 100n)} ₽ с шагом ${Number(product.amountStep / 100n)} ₽`,
    term: `Срок — от ${product.minTerm} до ${product.maxTerm} ${unit}${product.kind === 'instalment' ? ', чётное число' : ''}`,
  };
  const field = FIELD_OF[error.code];
  return new AppError('QUOTE_INVALID', field ? { errors: [{ path: field, message: messages[field] }] } : {});
}

/**
 * Prices `amount` (kopecks) for `term` (the product's unit) on a product, for a contract concluded today: the rule
 * set and the Bank of Russia's quarterly PSK ceiling of the loan's category in force today apply. Throws
 * QUOTE_INVALID naming the field out of the product's range, or explaining a PSK above the ceiling.
 */
export async function priceLoan(
  deps: Deps,
  {
    product,
    amount,
    term,
    firstLoan,
    rateDiscountBp,
  }: { product: ProductRow; amount: bigint; term: number; firstLoan: boolean; rateDiscountBp?: number },
): Promise<Quote> {
  const startDate = dateInZone(deps.clock.now(), deps.config.timeZone);
  const termDays = product.kind === 'payday' ? term : term * 7;
  const ceiling = await safeCeiling(deps, { amount, termDays, date: startDate });
  try {
    return quote({
      product: toDomainProduct(product),
      amount,
      term: product.kind === 'payday' ? { days: term } : { weeks: term },
      startDate,
      firstLoan,
      ...(rateDiscountBp ? { rateDiscountBp } : {}),
      ...(ceiling ? { pskCeilingPercent: ceiling.ceilingPercent } : {}),
    });
  } catch (error) {
    if (error instanceof QuoteError) throw explain(product, error, ceiling?.label);
    throw error;
  }
}

/** The ceiling of the loan's category, or undefined for terms outside every category (the quote refuses them). */
async function safeCeiling(deps: Deps, loan: Parameters<typeof pskCeilingFor>[1]) {
  if (loan.amount <= 0n || !Number.isSafeInteger(loan.termDays) || loan.termDays < 1 || loan.termDays > 365)
    return undefined;
  return pskCeilingFor(deps, loan);
}

/**
 * The calculator: the same domain code as the contract, so the numbers never disagree. `amount` is kopecks as a
 * decimal string, `term` in the product's unit; throws PRODUCT_NOT_FOUND or QUOTE_INVALID (with the field).
 */
export async function quoteLoan(
  deps: Deps,
  {
    productId,
    amount,
    term,
    firstLoan,
    offer,
  }: {
    productId: string;
    amount: string;
    term: number;
    firstLoan: boolean;
    /** The borrower's personal offer: its rate discount is priced in, and its id shown with the quote. */
    offer?: { id: string; rateDiscountBp: number } | null;
  },
): Promise<QuoteView> {
  const today = dateInZone(deps.clock.now(), deps.config.timeZone);
  const product = await getActiveProduct(deps.db, productId, today);
  const rateDiscountBp = offer?.rateDiscountBp ?? 0;
  const q = await priceLoan(deps, { product, amount: parseKopecks(amount), term, firstLoan, rateDiscountBp });
  const view = toQuoteView(q, term, firstLoan && product.firstLoanDailyRateBp !== null);
  return offer ? { ...view, offerId: offer.id, rateDiscountBp } : view;
}
