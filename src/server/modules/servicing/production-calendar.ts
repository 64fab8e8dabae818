import { parseIsoDate } from '../../../domain/calendar';
import type { ProductionCalendarYear } from '../../../domain/production-calendar';
import type { Db } from '../../adapters/db/database';
import { forgetCachedCalendar, readCalendarYear, writeCalendarYear } from './calendar-repository';

export { loadProductionCalendar } from './calendar-repository';

/**
 * The production calendar service (the back office will edit it): read a year, replace a year as a whole.
 * Loan schedules already signed keep their due dates; the calendar applies to schedules made after the change.
 */

/** One year of the calendar, or null when the table has none (then the law's fallback applies). */
export async function getCalendarYear(
  deps: { db: Db },
  year: number,
): Promise<ProductionCalendarYear | null> {
  return readCalendarYear(deps.db, year);
}

/**
 * Replaces a year of the calendar in one transaction. Throws RangeError when a day lies outside the year or twice,
 * a «working_day» is not a Saturday or Sunday, or a «day_off» falls on one (a weekend is a day off already).
 */
export async function replaceCalendarYear(deps: { db: Db }, calendar: ProductionCalendarYear): Promise<void> {
  const seen = new Set<string>();
  for (const d of calendar.days) {
    const { year, month, day } = parseIsoDate(d.date);
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (year !== calendar.year || seen.has(d.date))
      throw new RangeError(`calendar ${calendar.year}: bad date ${d.date}`);
    if (d.kind === 'working_day' && !weekend)
      throw new RangeError(`working day ${d.date} is not a weekend day`);
    if (d.kind === 'day_off' && weekend) throw new RangeError(`day off ${d.date} is a weekend day already`);
    seen.add(d.date);
  }
  await deps.db.transaction((tx) => writeCalendarYear(tx, calendar));
  // Again after the commit: a dashboard read between the write and the commit may have cached the old rows.
  forgetCachedCalendar();
}
