import type { QuoteView } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { parseKopecks } from '../../../domain/money';
import { quote, QuoteError, type Quote } from '../../../domain/quote';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { toDomainProduct } from './loan-products';
import { getActiveProduct, type ProductRow } from './product-repository';
import { toQuoteView } from './views';

const FIELD_OF: Record<string, 'amount' | 'term'> = {
  AMOUNT_OUT_OF_RANGE: 'amount',
  AMOUNT_NOT_ON_STEP: 'amount',
  TERM_OUT_OF_RANGE: 'term',
};

function explain(product: ProductRow, error: QuoteError): AppError {
  const unit = product.kind === 'payday' ? 'дней' : 'недель';
  const messages: Record<'amount' | 'term', string> = {
    amount: `Сумма — от ${Number(product.minAmount / 100n)} до ${Number(product.maxAmount / 100n)} ₽ с шагом ${Number(product.amountStep / 100n)} ₽`,
    term: `Срок — от ${product.minTerm} до ${product.maxTerm} ${unit}${product.kind === 'instalment' ? ', чётное число' : ''}`,
  };
  const field = FIELD_OF[error.code];
  return new AppError('QUOTE_INVALID', field ? { errors: [{ path: field, message: messages[field] }] } : {});
}

/**
 * Prices `amount` (kopecks) for `term` (the product's unit) on a product, for a contract starting today (the rules
 * in force today apply). Throws QUOTE_INVALID naming the field out of the product's range.
 */
export function priceLoan(
  deps: Deps,
  {
    product,
    amount,
    term,
    firstLoan,
  }: { product: ProductRow; amount: bigint; term: number; firstLoan: boolean },
): Quote {
  const startDate = dateInZone(deps.clock.now(), deps.config.timeZone);
  try {
    return quote({
      product: toDomainProduct(product),
      amount,
      term: product.kind === 'payday' ? { days: term } : { weeks: term },
      startDate,
      firstLoan,
    });
  } catch (error) {
    if (error instanceof QuoteError) throw explain(product, error);
    throw error;
  }
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
  }: { productId: string; amount: string; term: number; firstLoan: boolean },
): Promise<QuoteView> {
  const product = await getActiveProduct(deps.db, productId);
  const q = priceLoan(deps, { product, amount: parseKopecks(amount), term, firstLoan });
  return toQuoteView(q, term, firstLoan && product.firstLoanDailyRateBp !== null);
}
