import type { IsoDate } from './calendar';
import { accrualCap } from './interest';
import type { LegalRuleSet } from './legal-rules';
import { ruleSetOn } from './legal-rules';
import type { Kopecks } from './money';
import type { PskRounding } from './psk';
import { formatThousandths, parsePercentThousandths, psk, pskExceeds } from './psk';
import type { Instalment, Schedule } from './schedule';
import { instalmentSchedule, paydaySchedule, pskPaymentsOf } from './schedule';

type ProductBase = {
  id: string;
  minAmount: Kopecks;
  maxAmount: Kopecks;
  /** Amounts offered: minAmount + k × amountStep up to maxAmount. */
  amountStep: Kopecks;
  /** Basis points per day (80 = 0.8 % a day). */
  dailyRateBp: number;
  /** The rate of a borrower's first loan (0 for the 0 % promo for newcomers), or null for no promo. */
  firstLoanDailyRateBp: number | null;
};

/** One payment at the end of a term counted in days (5–30 days in the published products). */
export type PaydayProduct = ProductBase & { kind: 'payday'; minTermDays: number; maxTermDays: number };

/** Equal payments every 14 days over a term counted in weeks; both bounds even (8–52 weeks typically). */
export type InstalmentProduct = ProductBase & {
  kind: 'instalment';
  minTermWeeks: number;
  maxTermWeeks: number;
};

export type LoanProduct = PaydayProduct | InstalmentProduct;

export type QuoteErrorCode =
  | 'RATE_ABOVE_LEGAL_MAX'
  | 'AMOUNT_OUT_OF_RANGE'
  | 'AMOUNT_NOT_ON_STEP'
  | 'TERM_OUT_OF_RANGE'
  | 'PSK_ABOVE_LEGAL_MAX'
  | 'PRODUCT_INVALID'
  | 'RULE_SET_NOT_IN_FORCE';

export type ProductViolation = { code: QuoteErrorCode; field: string; message: string };

export class QuoteError extends Error {
  override readonly name = 'QuoteError';
  constructor(
    readonly code: QuoteErrorCode,
    message: string,
    readonly violations: readonly ProductViolation[] = [],
    /** For PSK_ABOVE_LEGAL_MAX: the offer's PSK and the ceiling it broke, percent strings with 3 decimals. */
    readonly psk?: { percent: string; ceilingPercent: string },
  ) {
    super(message);
  }
}

/** Consumer loans up to one year: the caps of the law apply to them, and so do our schedules. */
const MAX_TERM_DAYS = 365;
const MAX_TERM_WEEKS = 52;

const isWhole = (n: number): boolean => Number.isSafeInteger(n);

/**
 * The violations of a product against the rule set: a product whose rate (or promo rate) exceeds the legal
 * maximum cannot be saved. Empty means valid.
 */
export function validateProduct(product: LoanProduct, ruleSet: LegalRuleSet): ProductViolation[] {
  const v: ProductViolation[] = [];
  const bad = (code: QuoteErrorCode, field: string, message: string) => v.push({ code, field, message });

  for (const field of ['dailyRateBp', 'firstLoanDailyRateBp'] as const) {
    const rate = product[field];
    if (rate === null) continue;
    if (!isWhole(rate) || rate < 0) bad('PRODUCT_INVALID', field, 'the rate is a whole number of bp ≥ 0');
    else if (rate > ruleSet.maxDailyRateBp)
      bad('RATE_ABOVE_LEGAL_MAX', field, `above the legal maximum of ${ruleSet.maxDailyRateBp} bp a day`);
  }

  if (product.minAmount <= 0n) bad('PRODUCT_INVALID', 'minAmount', 'the minimum amount must be positive');
  if (product.maxAmount < product.minAmount) bad('PRODUCT_INVALID', 'maxAmount', 'below the minimum amount');
  if (product.amountStep <= 0n) bad('PRODUCT_INVALID', 'amountStep', 'the step must be positive');
  else if ((product.maxAmount - product.minAmount) % product.amountStep !== 0n)
    bad('PRODUCT_INVALID', 'amountStep', 'the maximum is not reached from the minimum in whole steps');

  const [minField, maxField, min, max, limit] =
    product.kind === 'payday'
      ? (['minTermDays', 'maxTermDays', product.minTermDays, product.maxTermDays, MAX_TERM_DAYS] as const)
      : ([
          'minTermWeeks',
          'maxTermWeeks',
          product.minTermWeeks,
          product.maxTermWeeks,
          MAX_TERM_WEEKS,
        ] as const);
  if (!isWhole(min) || min < 1)
    bad('PRODUCT_INVALID', minField, 'the minimum term must be a whole number ≥ 1');
  if (!isWhole(max) || max < min) bad('PRODUCT_INVALID', maxField, 'the maximum term is below the minimum');
  if (max > limit) bad('PRODUCT_INVALID', maxField, `a consumer loan up to one year: at most ${limit}`);
  if (product.kind === 'instalment' && (min % 2 !== 0 || max % 2 !== 0))
    bad(
      'PRODUCT_INVALID',
      product.minTermWeeks % 2 !== 0 ? minField : maxField,
      'terms in weeks must be even',
    );
  return v;
}

export type QuoteInput = {
  product: LoanProduct;
  amount: Kopecks;
  term: { days: number } | { weeks: number };
  /** The contract (signing) date: the rule set in force on it applies. */
  startDate: IsoDate;
  /** Defaults to the rule set in force on `startDate`. */
  ruleSet?: LegalRuleSet;
  /** The borrower's first loan: the promo rate applies when the product has one. */
  firstLoan?: boolean;
  /**
   * The Bank of Russia quarterly ceiling (average + 1/3) entered by the back office, percent; the PSK must not
   * exceed min(this, ruleSet.maxPskPercent).
   */
  pskCeilingPercent?: string;
  /**
   * A personal offer's discount on the daily rate, basis points a day (never below 0 % a day): known at signing,
   * so the schedule and the PSK are computed at the discounted rate (353-FZ art. 6).
   */
  rateDiscountBp?: number;
  pskRounding?: PskRounding;
};

export type Quote = {
  productId: string;
  kind: LoanProduct['kind'];
  amount: Kopecks;
  dailyRateBp: number;
  ruleSetId: string;
  schedule: readonly Instalment[];
  /** The equal payment (instalment loans) or the single payment (payday). */
  regularPayment: Kopecks;
  totalToRepay: Kopecks;
  totalInterest: Kopecks;
  /** Everything that may ever accrue on the contract (interest, penalties, fees). */
  accrualCap: Kopecks;
  capApplied: boolean;
  pskPercent: string;
  pskRub: Kopecks;
  firstDueDate: IsoDate;
  lastDueDate: IsoDate;
};

/**
 * Prices an offer: the schedule, the totals and the PSK. Throws `QuoteError` when the offer breaks the product
 * or the rule set in force on `startDate` (rate, amount, term, PSK).
 */
export function quote(input: QuoteInput): Quote {
  const { product, amount, term, startDate } = input;
  const ruleSet = input.ruleSet ?? ruleSetOn(startDate);
  if (ruleSet.validFrom > startDate)
    throw new QuoteError('RULE_SET_NOT_IN_FORCE', `rule set ${ruleSet.id} starts after ${startDate}`);

  const violations = validateProduct(product, ruleSet);
  if (violations.length > 0) {
    const rate = violations.find((x) => x.code === 'RATE_ABOVE_LEGAL_MAX');
    throw rate
      ? new QuoteError('RATE_ABOVE_LEGAL_MAX', `product ${product.id}: ${rate.message}`, violations)
      : new QuoteError('PRODUCT_INVALID', `product ${product.id} is invalid`, violations);
  }

  if (amount < product.minAmount || amount > product.maxAmount)
    throw new QuoteError(
      'AMOUNT_OUT_OF_RANGE',
      `amount ${amount} outside ${product.minAmount}…${product.maxAmount}`,
    );
  if ((amount - product.minAmount) % product.amountStep !== 0n)
    throw new QuoteError('AMOUNT_NOT_ON_STEP', `amount ${amount} is not on a step of ${product.amountStep}`);

  const baseRateBp =
    input.firstLoan && product.firstLoanDailyRateBp !== null
      ? product.firstLoanDailyRateBp
      : product.dailyRateBp;
  const dailyRateBp = Math.max(0, baseRateBp - Math.max(0, input.rateDiscountBp ?? 0));
  if (dailyRateBp > ruleSet.maxDailyRateBp)
    throw new QuoteError('RATE_ABOVE_LEGAL_MAX', `${dailyRateBp} bp a day > ${ruleSet.maxDailyRateBp}`);

  const cap = accrualCap(amount, ruleSet);
  let schedule: Schedule;
  if (product.kind === 'payday') {
    const days = 'days' in term ? term.days : NaN;
    if (!isWhole(days) || days < product.minTermDays || days > product.maxTermDays)
      throw new QuoteError(
        'TERM_OUT_OF_RANGE',
        `term must be ${product.minTermDays}–${product.maxTermDays} days`,
      );
    schedule = paydaySchedule({ principal: amount, dailyRateBp, termDays: days, startDate, accrualCap: cap });
  } else {
    const weeks = 'weeks' in term ? term.weeks : NaN;
    if (!isWhole(weeks) || weeks % 2 !== 0 || weeks < product.minTermWeeks || weeks > product.maxTermWeeks)
      throw new QuoteError(
        'TERM_OUT_OF_RANGE',
        `term must be an even number of weeks, ${product.minTermWeeks}–${product.maxTermWeeks}`,
      );
    schedule = instalmentSchedule({
      principal: amount,
      dailyRateBp,
      termWeeks: weeks,
      startDate,
      accrualCap: cap,
    });
  }

  const flows = {
    disbursementDate: startDate,
    principal: amount,
    payments: pskPaymentsOf(schedule.instalments),
  };
  const ceiling =
    input.pskCeilingPercent !== undefined &&
    parsePercentThousandths(input.pskCeilingPercent) < parsePercentThousandths(ruleSet.maxPskPercent)
      ? input.pskCeilingPercent
      : ruleSet.maxPskPercent;
  const cost = psk(flows, input.pskRounding === undefined ? {} : { rounding: input.pskRounding });
  // The exact PSK (before rounding) must not exceed the ceiling. The rounded figure is within one thousandth
  // of it, so only a figure next to the ceiling needs the exact test.
  const distance = cost.thousandths - parsePercentThousandths(ceiling);
  if (distance >= 2n || (distance > -2n && pskExceeds(flows, ceiling)))
    throw new QuoteError('PSK_ABOVE_LEGAL_MAX', `PSK ${cost.percent} % above ${ceiling} %`, [], {
      percent: cost.percent,
      ceilingPercent: formatThousandths(parsePercentThousandths(ceiling)),
    });

  const first = schedule.instalments[0];
  const last = schedule.instalments[schedule.instalments.length - 1];
  if (!first || !last) throw new Error('empty schedule');
  return {
    productId: product.id,
    kind: product.kind,
    amount,
    dailyRateBp,
    ruleSetId: ruleSet.id,
    schedule: schedule.instalments,
    regularPayment: schedule.regularPayment,
    totalToRepay: schedule.totalToRepay,
    totalInterest: schedule.totalInterest,
    accrualCap: cap,
    capApplied: schedule.capApplied,
    pskPercent: cost.percent,
    pskRub: cost.rub,
    firstDueDate: first.dueDate,
    lastDueDate: last.dueDate,
  };
}
