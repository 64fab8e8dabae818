import type { ProductView, QuoteRequest } from '../../../contracts';
import { formatRub, parseKopecks } from '../../../domain/money';

/**
 * What the borrower picks on the sliders: a product, an amount in whole rubles and a term in the product's
 * unit (days or weeks). Rubles, not kopecks: the products move in steps of 1 000 ₽.
 */
export type LoanTerms = { productId: string; amount: number; term: number };

/** A product's bounds in the units of the sliders. */
export type ProductBounds = {
  minAmount: number;
  maxAmount: number;
  amountStep: number;
  minTerm: number;
  maxTerm: number;
  termStep: number;
};

const toRubles = (wire: string): number => Number(parseKopecks(wire) / 100n);

/** An instalment loan is repaid every two weeks, so its term is an even number of weeks. */
export function boundsOf(product: ProductView): ProductBounds {
  const termStep = product.kind === 'instalment' ? 2 : 1;
  const minTerm = Math.ceil(product.minTerm / termStep) * termStep;
  return {
    minAmount: toRubles(product.minAmount),
    maxAmount: toRubles(product.maxAmount),
    amountStep: Math.max(1, toRubles(product.amountStep)),
    minTerm,
    maxTerm: minTerm + Math.floor((product.maxTerm - minTerm) / termStep) * termStep,
    termStep,
  };
}

/** The nearest value on the grid min, min + step, … max. */
function snap(value: number, min: number, max: number, step: number): number {
  if (!Number.isFinite(value)) return min;
  const steps = Math.round((Math.min(Math.max(value, min), max) - min) / step);
  return Math.min(min + steps * step, max - ((max - min) % step));
}

/** Where the sliders start: a typical loan of each kind. */
const STARTING: Record<ProductView['kind'], { amount: number; term: number }> = {
  payday: { amount: 10_000, term: 30 },
  instalment: { amount: 50_000, term: 12 },
};

/** Terms that the product accepts: the given values (or the typical ones) put on the product's grid. */
export function termsFor(product: ProductView, wanted: { amount?: number; term?: number } = {}): LoanTerms {
  const b = boundsOf(product);
  const start = STARTING[product.kind];
  return {
    productId: product.id,
    amount: snap(wanted.amount ?? start.amount, b.minAmount, b.maxAmount, b.amountStep),
    term: snap(wanted.term ?? start.term, b.minTerm, b.maxTerm, b.termStep),
  };
}

const numberParam = (value: string | null): number | undefined => {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
};

/** The terms of `?product=payday&amount=10000&term=30` (amount in rubles), fitted to the product. */
export function termsFromSearch(search: URLSearchParams, products: ProductView[]): LoanTerms | null {
  const product = products.find((p) => p.id === search.get('product')) ?? products[0];
  if (!product) return null;
  return termsFor(product, {
    amount: numberParam(search.get('amount')),
    term: numberParam(search.get('term')),
  });
}

/** The application form prefilled with these terms. */
export function applyPath(terms: LoanTerms): string {
  const query = new URLSearchParams({
    product: terms.productId,
    amount: String(terms.amount),
    term: String(terms.term),
  });
  return `/account/apply?${query.toString()}`;
}

export const rublesToKopecks = (rubles: number): string => (BigInt(Math.round(rubles)) * 100n).toString();

export const toQuoteRequest = (terms: LoanTerms): QuoteRequest => ({
  productId: terms.productId,
  amount: rublesToKopecks(terms.amount),
  term: terms.term,
});

/** Whole rubles as «10 000 ₽». */
export const formatRubles = (rubles: number): string => formatRub(BigInt(Math.round(rubles)) * 100n);

/** A wire amount (kopecks as a string) as «12 500,50 ₽». */
export const formatWire = (kopecks: string): string => formatRub(parseKopecks(kopecks));

/** «292.000» → «292,000 % годовых». */
export const formatPsk = (pskPercent: string): string => `${pskPercent.replace('.', ',')}\u00a0% годовых`;

/** «Первый заём — под 0 %», the % kept on the line of its number. */
export const FIRST_LOAN_FREE = 'Первый заём — под 0\u00a0%';
