import { addDays, type IsoDate } from './calendar';
import { isWorkingDay, type ProductionCalendar } from './production-calendar';

/**
 * Pure rules of the support desk: what an attachment really is (by its first bytes, never by its name or the
 * browser's word), and the statutory deadline of a complaint in working days.
 */

/** The kinds of attachment accepted: images a phone makes and PDF documents. */
export type AttachmentKind = {
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'application/pdf';
  ext: string;
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/**
 * The kind of a file by its magic bytes: JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A), WebP (RIFF....WEBP),
 * HEIC/HEIF (ISO BMFF `ftyp` box with brand heic/heix/mif1/msf1/heif), PDF (`%PDF-`). Anything else — an HTML page
 * named photo.jpg, an executable, an SVG (it can carry scripts) — is null and refused.
 */
export function sniffAttachment(bytes: Uint8Array): AttachmentKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', ext: 'png' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { mime: 'image/webp', ext: 'webp' };
  if (
    bytes.length >= 12 &&
    ascii(bytes, 4, 8) === 'ftyp' &&
    ['heic', 'heix', 'mif1', 'msf1', 'heif'].includes(ascii(bytes, 8, 12))
  )
    return { mime: 'image/heic', ext: 'heic' };
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', ext: 'pdf' };
  return null;
}

/**
 * The date `days` working days after `from` (the day of receipt is not counted: Civil Code art. 191), by the
 * production calendar. Throws RangeError for a negative count.
 */
export function addWorkingDays(calendar: ProductionCalendar, from: IsoDate, days: number): IsoDate {
  if (days < 0) throw new RangeError('days must not be negative');
  let date = from;
  for (let left = days; left > 0;) {
    date = addDays(date, 1);
    if (isWorkingDay(calendar, date)) left--;
  }
  return date;
}

/**
 * The answer deadline of a complaint received on `receivedOn`: `workingDays` working days (15 by the Bank of
 * Russia's base standard of protection of consumers' rights for MFOs, Directive of 22.06.2017, sect. on appeals;
 * a setting). Overdue when today is after the deadline and no final answer was given.
 */
export function complaintDeadline(
  calendar: ProductionCalendar,
  receivedOn: IsoDate,
  workingDays: number,
): IsoDate {
  return addWorkingDays(calendar, receivedOn, workingDays);
}

/** Whether a complaint with `deadline` is overdue on `today` (while it is not closed). */
export const isComplaintOverdue = (deadline: IsoDate | null, today: IsoDate, closed: boolean): boolean =>
  deadline !== null && !closed && today > deadline;

/** The desk's working hours: [start, end) o'clock local time, on working days of the production calendar. */
export type WorkingHours = { start: number; end: number; timeZone: string };

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant of `hour`:00 local time on `date` in `timeZone`. */
function localHour(date: IsoDate, hour: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour);
  return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, timeZone), timeZone);
}

/**
 * Whole working minutes between two instants: only the time inside the desk's working hours on working days (by
 * the production calendar) counts — a question asked on Friday evening and answered on Monday at 10:00 took 60
 * minutes with hours 9–18. Zero when `to` is not after `from`.
 */
export function workingMinutesBetween(
  calendar: ProductionCalendar,
  from: Date,
  to: Date,
  hours: WorkingHours,
): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  const { timeZone } = hours;
  const last = new Intl.DateTimeFormat('en-CA', { timeZone }).format(to);
  for (
    let day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(from);
    day <= last;
    day = addDays(day, 1)
  ) {
    if (!isWorkingDay(calendar, day)) continue;
    const open = Math.max(localHour(day, hours.start, timeZone), from.getTime());
    const close = Math.min(localHour(day, hours.end, timeZone), to.getTime());
    if (close > open) total += close - open;
  }
  return Math.floor(total / 60_000);
}

/**
 * The response clocks of a conversation from its public messages in order: a clock starts at a borrower's message
 * while none runs and stops at the desk's next answer (so it pauses while the desk waits for the borrower).
 * `first`: working minutes to the first answer (null before it); `running`: the open clock until `now` (null when
 * none runs); `longest`: the longest answered wait.
 */
export function responseClocks(
  calendar: ProductionCalendar,
  messages: readonly { author: 'borrower' | 'staff'; at: Date }[],
  now: Date,
  hours: WorkingHours,
): { first: number | null; running: number | null; longest: number | null } {
  let started: Date | null = null;
  let first: number | null = null;
  let longest: number | null = null;
  for (const m of messages) {
    if (m.author === 'borrower') started ??= m.at;
    else if (started) {
      const minutes = workingMinutesBetween(calendar, started, m.at, hours);
      first ??= minutes;
      longest = Math.max(longest ?? 0, minutes);
      started = null;
    }
  }
  return { first, running: started ? workingMinutesBetween(calendar, started, now, hours) : null, longest };
}
