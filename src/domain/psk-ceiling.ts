import type { IsoDate } from './calendar';
import type { LegalRuleSet } from './legal-rules';
import type { Kopecks } from './money';
import { formatThousandths, parsePercentThousandths } from './psk';

/*
 * The Bank of Russia's quarterly PSK ceiling (353-FZ art. 6 pt 11; domain-rules.md §1): each quarter the Bank
 * publishes the average market PSK per category of consumer loans; a contract concluded in that quarter may not
 * cost more than the average of its category + 1/3, and an MFO's loan never more than the rule set's absolute
 * maximum (292 %). The averages are data the back office enters; here are the categories and the arithmetic.
 */

/** One category of the Bank of Russia's table of unsecured consumer microloans: an amount band × a term band. */
export type PskCategory = {
  code: string;
  /** As the Bank of Russia names it, for the back office and the borrower. */
  label: string;
  /** The band of the principal in kopecks: above `amountAbove`, at most `amountUpTo` (null = no upper bound). */
  amountAbove: Kopecks;
  amountUpTo: Kopecks | null;
  /** The band of the term in days, both inclusive. */
  minDays: number;
  maxDays: number;
};

const AMOUNT_BANDS = [
  { code: 'upto-30000', text: 'до 30 000 ₽ включительно', above: 0n, upTo: 3_000_000n },
  {
    code: '30000-100000',
    text: 'свыше 30 000 до 100 000 ₽ включительно',
    above: 3_000_000n,
    upTo: 10_000_000n,
  },
  { code: 'over-100000', text: 'свыше 100 000 ₽', above: 10_000_000n, upTo: null },
] as const;

const TERM_BANDS = [
  { code: 'upto-30d', text: 'на срок до 30 дней включительно', min: 1, max: 30 },
  { code: '31-60d', text: 'на срок от 31 до 60 дней', min: 31, max: 60 },
  { code: '61-180d', text: 'на срок от 61 до 180 дней', min: 61, max: 180 },
  { code: '181-365d', text: 'на срок от 181 до 365 дней', min: 181, max: 365 },
] as const;

/**
 * The categories of unsecured consumer microloans (no collateral) up to one year: three amount bands × four
 * term bands, as in the Bank of Russia's table for MFOs. [verify against the table in force when it changes]
 */
export const PSK_CATEGORIES: readonly PskCategory[] = Object.freeze(
  AMOUNT_BANDS.flatMap((a) =>
    TERM_BANDS.map((t) => ({
      code: `microloan-unsecured:${a.code}:${t.code}`,
      label: `Потребительские микрозаймы без обеспечения ${a.text} ${t.text}`,
      amountAbove: a.above,
      amountUpTo: a.upTo,
      minDays: t.min,
      maxDays: t.max,
    })),
  ),
);

/** The category of a loan of `amount` kopecks for `termDays` days; a RangeError outside every category. */
export function pskCategoryOf(amount: Kopecks, termDays: number): PskCategory {
  const found = PSK_CATEGORIES.find(
    (c) =>
      amount > c.amountAbove &&
      (c.amountUpTo === null || amount <= c.amountUpTo) &&
      termDays >= c.minDays &&
      termDays <= c.maxDays,
  );
  if (!found) throw new RangeError(`no PSK category for ${amount} kopecks over ${termDays} days`);
  return found;
}

/** Whether `date` is the first day of a calendar quarter (the date a quarterly ceiling starts to apply). */
export const isQuarterStart = (date: IsoDate): boolean => /^\d{4}-(01|04|07|10)-01$/.test(date);

/** The first day of the quarter that contains `date` ('2026-05-17' → '2026-04-01'). */
export function quarterStartOf(date: IsoDate): IsoDate {
  const month = Number(date.slice(5, 7));
  const first = month - ((month - 1) % 3);
  return `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/**
 * The ceiling of a category from its published average (percent a year, decimal string with at most 3
 * decimals): average × 4/3, rounded DOWN to a thousandth (a ceiling is never rounded up), and never above the
 * rule set's absolute maximum `maxPskPercent`. '219' → '292.000'; '180' → '240.000'; '250' → '292.000' (capped).
 */
export function pskCeilingFromAverage(
  averagePercent: string,
  ruleSet: Pick<LegalRuleSet, 'maxPskPercent'>,
): string {
  const average = parsePercentThousandths(averagePercent);
  const byAverage = (average * 4n) / 3n;
  const cap = parsePercentThousandths(ruleSet.maxPskPercent);
  return formatThousandths(byAverage < cap ? byAverage : cap);
}

/** A stored ceiling: the category code, the first day of the quarter it applies to, the average and ceiling. */
export type PskCeilingEntry = {
  category: string;
  quarterStart: IsoDate;
  averagePercent: string;
  ceilingPercent: string;
};

/**
 * The ceiling in force on `date` for `category`: the entry with the latest quarter start not after `date` (a
 * quarter the Bank has not published yet keeps the last known one), or undefined when none is stored.
 */
export function ceilingInForce<E extends PskCeilingEntry>(
  entries: readonly E[],
  category: string,
  date: IsoDate,
): E | undefined {
  let found: E | undefined;
  for (const e of entries)
    if (e.category === category && e.quarterStart <= date && (!found || e.quarterStart > found.quarterStart))
      found = e;
  return found;
}
