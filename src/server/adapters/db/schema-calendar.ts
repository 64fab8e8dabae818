import { sql } from 'drizzle-orm';
import { check, date, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';

/** The kinds of a production-calendar exception (domain/production-calendar.ts: CalendarDayKind). */
export const CALENDAR_DAY_KINDS = ['holiday', 'day_off', 'working_day'] as const;

/**
 * The production calendar (Labour Code art. 112 and the yearly Government decree): the dates that differ from
 * «Monday–Friday work, weekends rest» — public holidays, transferred days off, working Saturdays. A year is
 * present when it has rows; the back office replaces a year as a whole (servicing/production-calendar.ts).
 * Seeded with the official calendars of 2026 and 2027 by the migration.
 */
export const productionCalendarDays = pgTable(
  'production_calendar_days',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: CALENDAR_DAY_KINDS }).notNull(),
    note: text('note').notNull(),
    /** The act the day comes from (decree number and date, or the Labour Code). */
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('production_calendar_days_kind_check', sql`${t.kind} in ('holiday', 'day_off', 'working_day')`),
  ],
);
