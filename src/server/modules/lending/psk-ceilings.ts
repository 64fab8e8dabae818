import type { IsoDate } from '../../../domain/calendar';
import { ruleSetOn } from '../../../domain/legal-rules';
import type { Kopecks } from '../../../domain/money';
import { formatThousandths, parsePercentThousandths } from '../../../domain/psk';
import {
  isQuarterStart,
  PSK_CATEGORIES,
  pskCategoryOf,
  pskCeilingFromAverage,
  quarterStartOf,
} from '../../../domain/psk-ceiling';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import {
  findCeilingInForce,
  insertCeilingIfAbsent,
  upsertCeiling,
  type NewPskCeiling,
} from './psk-ceiling-repository';

/**
 * DEMO VALUES, NOT PUBLISHED ONES: average market PSK (percent a year) for the categories the demo products
 * fall in («До зарплаты»: up to 30 000 ₽ for 5–30 days; «Частями»: 30 000–100 000 ₽ for 56–364 days). Replace
 * them with the Bank of Russia's published averages of the quarter (the back office enters them).
 */
export const DEMO_PSK_AVERAGES: Readonly<Record<string, string>> = Object.freeze({
  'microloan-unsecured:upto-30000:upto-30d': '250.000', // ceiling 333.333 → capped at 292.000
  'microloan-unsecured:upto-30000:31-60d': '240.000', // → 292.000 (capped)
  'microloan-unsecured:30000-100000:31-60d': '200.000', // → 266.666
  'microloan-unsecured:30000-100000:61-180d': '190.000', // → 253.333
  'microloan-unsecured:30000-100000:181-365d': '180.000', // → 240.000
});

/**
 * Stores the published average of a category for the quarter starting `quarterStart` ('YYYY-01-01', '-04-01',
 * '-07-01' or '-10-01') with the ceiling derived from it under the rule set in force that day (average + 1/3,
 * at most 292 %). `replace` overwrites an existing entry (the back office corrects one); without it an entry
 * already there is kept (the seed). Throws RangeError for an unknown category, a day that starts no quarter, or
 * an average that is not a percent with at most 3 decimals.
 */
export async function savePskAverage(
  db: DbOrTx,
  entry: { category: string; quarterStart: IsoDate; averagePercent: string; demo: boolean },
  { replace }: { replace: boolean },
): Promise<NewPskCeiling> {
  const row = pskCeilingRow(entry);
  await (replace ? upsertCeiling(db, row) : insertCeilingIfAbsent(db, row));
  return row;
}

/** The row savePskAverage stores (validated; throws RangeError as savePskAverage says). */
function pskCeilingRow(entry: {
  category: string;
  quarterStart: IsoDate;
  averagePercent: string;
  demo: boolean;
}): NewPskCeiling {
  if (!PSK_CATEGORIES.some((c) => c.code === entry.category))
    throw new RangeError(`unknown PSK category ${entry.category}`);
  if (!isQuarterStart(entry.quarterStart)) throw new RangeError(`${entry.quarterStart} starts no quarter`);
  const average = parsePercentThousandths(entry.averagePercent);
  const row: NewPskCeiling = {
    category: entry.category,
    quarterStart: entry.quarterStart,
    averagePskPercent: formatThousandths(average),
    ceilingPskPercent: pskCeilingFromAverage(entry.averagePercent, ruleSetOn(entry.quarterStart)),
    demo: entry.demo,
  };
  return row;
}

/**
 * Seeds the demo averages (marked `demo`) for the quarter of `today` in one statement; entered values are never
 * overwritten.
 */
export async function seedDemoPskCeilings(db: DbOrTx, today: IsoDate): Promise<void> {
  const rows = Object.entries(DEMO_PSK_AVERAGES).map(([category, averagePercent]) =>
    pskCeilingRow({ category, quarterStart: quarterStartOf(today), averagePercent, demo: true }),
  );
  await insertCeilingIfAbsent(db, rows);
}

/**
 * The quarterly ceiling (percent, 3 decimals) for a loan of `amount` kopecks over `termDays` days concluded on
 * `date`, with its category; undefined when none is stored for that category (the rule set's absolute maximum
 * then applies alone).
 */
export async function pskCeilingFor(
  deps: Pick<Deps, 'db'>,
  { amount, termDays, date }: { amount: Kopecks; termDays: number; date: IsoDate },
): Promise<{ category: string; label: string; ceilingPercent: string } | undefined> {
  const category = pskCategoryOf(amount, termDays);
  const row = await findCeilingInForce(deps.db, category.code, date);
  return row && { category: category.code, label: category.label, ceilingPercent: row.ceilingPskPercent };
}
