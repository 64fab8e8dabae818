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

/** How long the dashboard may show a calendar read before (another instance's edit shows within this bound). */
export const CALENDAR_CACHE_MS = 60_000;
const calendarCache = new WeakMap<
  object,
  { calendar: ProductionCalendar; readAt: number; generation: number }
>();
let calendarGeneration = 0;

/**
 * The production calendar as loadProductionCalendar reads it, kept in memory for CALENDAR_CACHE_MS (real time) per
 * database, for screens that only display what follows from it (the dashboard's prolongation offer); a calendar
 * edit on this instance (writeCalendarYear) drops it at once. Decisions that move money read the table anew.
 */
export async function loadProductionCalendarCached(db: DbOrTx): Promise<ProductionCalendar> {
  const hit = calendarCache.get(db);
  if (hit && hit.generation === calendarGeneration && performance.now() - hit.readAt <= CALENDAR_CACHE_MS)
    return hit.calendar;
  const generation = calendarGeneration;
  const calendar = await loadProductionCalendar(db);
  if (generation === calendarGeneration)
    calendarCache.set(db, { calendar, readAt: performance.now(), generation });
  return calendar;
}

/** Drops the cached calendars (loadProductionCalendarCached); writeCalendarYear does, and its caller after commit. */
export function forgetCachedCalendar(): void {
  calendarGeneration++;
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
  calendarGeneration++;
  await db
    .delete(productionCalendarDays)
    .where(between(productionCalendarDays.date, ...yearRange(calendar.year)));
  if (calendar.days.length === 0) return void calendarGeneration++;
  await db
    .insert(productionCalendarDays)
    .values(calendar.days.map((d) => ({ ...d, source: calendar.source })));
  calendarGeneration++;
}
