/**
 * Calendar dates of the contract world: 'YYYY-MM-DD' strings, compared as strings, computed in UTC so that
 * no local time zone leaks in. Instants become dates only through `dateInZone`.
 */
export type IsoDate = string;

/** The wall clock, passed in (the domain never calls Date.now()); tests use a movable one. */
export interface Clock {
  now(): Date;
}

/** The calendar date ('YYYY-MM-DD') of `instant` in the IANA time zone `timeZone` (e.g. Europe/Moscow). */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  return dayFormat(timeZone).format(instant);
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** Splits a 'YYYY-MM-DD' date into numbers (month 1–12); does not validate. */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** Adds whole years; 29 February becomes 28 February in a common year (the birthday rule of Russian law). */
export function addYears(date: IsoDate, years: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const target = year + years;
  const lastDay = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/**
 * The one day count of the contract world: whole days from `from` to `to` (negative when `to` is earlier),
 * counted on the UTC calendar so no local time zone or daylight saving shift leaks in.
 */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}

/** The number of days of calendar year `year`: 366 in a leap year (Gregorian rule), else 365. */
export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Full years of age on `on`. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const b = parseIsoDate(birthDate);
  const d = parseIsoDate(on);
  let age = d.year - b.year;
  if (addYears(birthDate, age) > on) age -= 1;
  return age;
}
