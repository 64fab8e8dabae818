import { addDays, parseIsoDate, type IsoDate } from './calendar';

/*
 * The production calendar (производственный календарь): which days are non-working in Russia. Civil Code art. 193
 * moves the end of a term that falls on a non-working day to the next working day; 230-FZ art. 7 allows fewer
 * hours on weekends and non-working holidays. Labour Code art. 112 names the public holidays; every year a
 * Government decree transfers days off that coincide with weekends and may make a Saturday a working day, so the
 * calendar is data per year (the table `production_calendar_days`, edited by the back office) with the official
 * years also kept here as a typed constant for pure code and tests.
 */

/** How a date differs from the plain rule «Monday–Friday work, Saturday and Sunday rest». */
export type CalendarDayKind =
  /** A non-working public holiday (Labour Code art. 112 pt 1), on whatever weekday it falls. */
  | 'holiday'
  /** A weekday made a day off (art. 112 pt 2: a holiday on a weekend moves; or a Government decree transfer). */
  | 'day_off'
  /** A Saturday or Sunday made a working day by a decree (a «working Saturday»). */
  | 'working_day';

/** One exception of a year, with what a person reads about it (in Russian). */
export type CalendarDay = { date: IsoDate; kind: CalendarDayKind; note: string };

/** One year of the calendar: its exceptions and the act they come from. */
export type ProductionCalendarYear = { year: number; source: string; days: readonly CalendarDay[] };

/** A calendar ready for look-ups: the exceptions by date, and the years it holds. */
export type ProductionCalendar = {
  readonly years: ReadonlySet<number>;
  readonly days: ReadonlyMap<IsoDate, CalendarDayKind>;
};

/** The non-working public holidays of Labour Code art. 112 pt 1, as 'MM-DD'. */
export const STATUTORY_HOLIDAYS: readonly string[] = Object.freeze([
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
]);

const HOLIDAY_NOTES: Readonly<Record<string, string>> = {
  '01-07': 'Рождество Христово',
  '02-23': 'День защитника Отечества',
  '03-08': 'Международный женский день',
  '05-01': 'Праздник Весны и Труда',
  '05-09': 'День Победы',
  '06-12': 'День России',
  '11-04': 'День народного единства',
};

function holidaysOf(year: number): CalendarDay[] {
  return STATUTORY_HOLIDAYS.map((md) => ({
    date: `${year}-${md}`,
    kind: 'holiday' as const,
    note: HOLIDAY_NOTES[md] ?? 'Новогодние каникулы',
  }));
}

const dayOff = (date: IsoDate, note: string): CalendarDay => ({ date, kind: 'day_off', note });

/**
 * The official calendars. 2026: Government decree of 24.09.2025 № 1466 (Jan 3 → Jan 9, Jan 4 → Dec 31) and
 * art. 112 pt 2 (Mar 8 → Mar 9, May 9 → May 11). 2027: Government decree of 17.09.2026 № 1187 (Jan 2 → Nov 5,
 * Jan 3 → Dec 31, Saturday Feb 20 → Feb 22) and art. 112 pt 2 (May 1 → May 3, May 9 → May 10, Jun 12 → Jun 14).
 */
export const RUSSIAN_PRODUCTION_CALENDAR: readonly ProductionCalendarYear[] = Object.freeze([
  {
    year: 2026,
    source: 'ТК РФ ст. 112; постановление Правительства РФ от 24.09.2025 № 1466',
    days: [
      ...holidaysOf(2026),
      dayOff('2026-01-09', 'Перенос выходного с 03.01'),
      dayOff('2026-03-09', 'Перенос выходного с 08.03'),
      dayOff('2026-05-11', 'Перенос выходного с 09.05'),
      dayOff('2026-12-31', 'Перенос выходного с 04.01'),
    ],
  },
  {
    year: 2027,
    source: 'ТК РФ ст. 112; постановление Правительства РФ от 17.09.2026 № 1187',
    days: [
      ...holidaysOf(2027),
      { date: '2027-02-20', kind: 'working_day', note: 'Рабочая суббота (выходной перенесён на 22.02)' },
      dayOff('2027-02-22', 'Перенос выходного с 20.02'),
      dayOff('2027-05-03', 'Перенос выходного с 01.05'),
      dayOff('2027-05-10', 'Перенос выходного с 09.05'),
      dayOff('2027-06-14', 'Перенос выходного с 12.06'),
      dayOff('2027-11-05', 'Перенос выходного с 02.01'),
      dayOff('2027-12-31', 'Перенос выходного с 03.01'),
    ],
  },
]);

/** Builds the look-up calendar from years of data (a later year entry of the same date wins). */
export function productionCalendar(years: readonly ProductionCalendarYear[]): ProductionCalendar {
  const days = new Map<IsoDate, CalendarDayKind>();
  for (const y of years) for (const d of y.days) days.set(d.date, d.kind);
  return { years: new Set(years.map((y) => y.year)), days };
}

/** The official calendars as a look-up calendar (the default of pure code; the server reads its table). */
export const RUSSIAN_CALENDAR: ProductionCalendar = productionCalendar(RUSSIAN_PRODUCTION_CALENDAR);

/**
 * Whether `date` is a working day. A year the calendar holds follows its data; a year it does not hold (the decree
 * is not out yet) falls back to what the law fixes: Saturdays, Sundays and the holidays of art. 112 pt 1 rest.
 */
export function isWorkingDay(calendar: ProductionCalendar, date: IsoDate): boolean {
  const { year, month, day } = parseIsoDate(date);
  const weekend = [0, 6].includes(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
  if (!calendar.years.has(year)) return !weekend && !STATUTORY_HOLIDAYS.includes(date.slice(5));
  const kind = calendar.days.get(date);
  if (kind === 'working_day') return true;
  if (kind === 'holiday' || kind === 'day_off') return false;
  return !weekend;
}

/**
 * Civil Code art. 193: the end of a term that falls on a non-working day moves to the next working day. Returns
 * `date` itself when it is a working day. Throws RangeError if none is found within a year (corrupt data).
 */
export function nextWorkingDay(calendar: ProductionCalendar, date: IsoDate): IsoDate {
  let d = date;
  for (let i = 0; i < 366; i++, d = addDays(d, 1)) if (isWorkingDay(calendar, d)) return d;
  throw new RangeError(`no working day within a year after ${date}`);
}
