import { asc, between } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import {
  productionCalendar,
  type CalendarDay,
  type ProductionCalendar,
  type ProductionCalendarYear,
} from '../../../domain/production-calendar';
import { productionCalendarDays } from '../../adapters/db/schema-calendar';
import type { DbOrTx } from '../../adapters/db/database';

const yearRange = (year: number): [IsoDate, IsoDate] => [`${year}-01-01`, `${year}-12-31`];

/** Every year of the production calendar table, as the domain's calendar (years without rows use the law's fallback). */
export async function loadProductionCalendar(db: DbOrTx): Promise<ProductionCalendar> {
  const rows = await db.select().from(productionCalendarDays).orderBy(asc(productionCalendarDays.date));
  const years = new Map<number, CalendarDay[]>();
  for (const r of rows) {
    const year = Number(r.date.slice(0, 4));
    years.set(year, [...(years.get(year) ?? []), { date: r.date, kind: r.kind, note: r.note }]);
  }
  return productionCalendar([...years].map(([year, days]) => ({ year, source: '', days })));
}

/** One year of the table (its exceptions in date order, and the act they come from); null when it has no rows. */
export async function readCalendarYear(db: DbOrTx, year: number): Promise<ProductionCalendarYear | null> {
  const rows = await db
    .select()
    .from(productionCalendarDays)
    .where(between(productionCalendarDays.date, ...yearRange(year)))
    .orderBy(asc(productionCalendarDays.date));
  if (rows.length === 0) return null;
  return {
    year,
    source: rows[0]!.source,
    days: rows.map((r) => ({ date: r.date, kind: r.kind, note: r.note })),
  };
}

/** Replaces the rows of `calendar.year` by its days, in the caller's transaction (validated by the caller). */
export async function writeCalendarYear(db: DbOrTx, calendar: ProductionCalendarYear): Promise<void> {
  await db
    .delete(productionCalendarDays)
    .where(between(productionCalendarDays.date, ...yearRange(calendar.year)));
  if (calendar.days.length === 0) return;
  await db
    .insert(productionCalendarDays)
    .values(calendar.days.map((d) => ({ ...d, source: calendar.source })));
}
