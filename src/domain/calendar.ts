/**
 * Calendar dates of the contract world: 'YYYY-MM-DD' strings, compared as strings, computed in UTC so that
 * no local time zone leaks in. Instants become dates only through `dateInZone`.
 */
export type IsoDate = string;

/** The wall clock, passed in (the domain never calls Date.now()); tests use a movable one. */
export interface Clock {
  now(): Date;
}

/**
 * The calendar date ('YYYY-MM-DD') of `instant` in the IANA time zone `timeZone` (e.g. Europe/Moscow). Throws a
 * RangeError for an unknown zone or an invalid Date.
 */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  const zone = zoneOf(timeZone);
  const ms = instant.getTime();
  if (!(ms >= WHOLE_MINUTE_OFFSETS_SINCE)) return zone.format.format(instant);
  const minute = Math.floor(ms / 60_000);
  if (zone.minute !== minute) {
    zone.date = zone.format.format(instant);
    zone.minute = minute;
  }
  return zone.date;
}

/**
 * Since 1980 every zone's offset from UTC is a whole number of minutes and changes only at a whole minute (the last
 * odd offset, Liberia's −0:44:30, ended in 1972), so all instants of one UTC minute share one date in any zone:
 * the last date computed is kept per zone for its minute (formatting costs a microsecond or more a call).
 */
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1980, 0, 1);

/**
 * One formatter per time zone (building an Intl.DateTimeFormat costs far more than formatting with it), and the
 * date it gave last, for its UTC minute.
 */
type Zone = { format: Intl.DateTimeFormat; minute: number; date: IsoDate };
const zones = new Map<string, Zone>();
function zoneOf(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    // en-CA formats as YYYY-MM-DD.
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    zones.set(timeZone, (zone = { format, minute: Number.NaN, date: '' }));
  }
  return zone;
}

/** Splits a 'YYYY-MM-DD' date into numbers (month 1–12); does not validate. */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  // The usual shape (no other '-') without the array split() builds: this runs for every date of every schedule.
  if (
    date.length === 10 &&
    date.charCodeAt(4) === 45 &&
    date.charCodeAt(7) === 45 &&
    date.lastIndexOf('-', 3) === -1 &&
    date.indexOf('-', 8) === -1
  )
    return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8)) };
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
