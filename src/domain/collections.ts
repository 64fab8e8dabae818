import { dateInZone } from './calendar';
import { isWorkingDay, RUSSIAN_CALENDAR, type ProductionCalendar } from './production-calendar';

/**
 * 230-FZ limits on contacting a borrower about overdue debt (domain-rules.md §6): messages only in local hours
 * (working days 08:00–22:00; weekends and non-working public holidays 09:00–20:00, art. 7 pt 3) and at most 2 a
 * day, 4 a week, 16 a month. The periods are read as rolling (24 hours, 7 days, 30 days back from now), the
 * stricter reading. Which days are working days is the production calendar's (a holiday or a transferred day off
 * counts like a weekend, a working Saturday like a working day).
 */
export type CollectionRules = {
  workdayHours: readonly [from: number, to: number];
  weekendHours: readonly [from: number, to: number];
  perDay: number;
  perWeek: number;
  perMonth: number;
};

export const COLLECTION_RULES_230FZ: CollectionRules = Object.freeze({
  workdayHours: [8, 22] as const,
  weekendHours: [9, 20] as const,
  perDay: 2,
  perWeek: 4,
  perMonth: 16,
});

/**
 * Local wall-clock time of an instant in a zone: minutes since midnight and whether the local day is a
 * non-working day (a weekend, a public holiday or a transferred day off) by the production calendar.
 */
export function localTime(
  instant: Date,
  timeZone: string,
  calendar: ProductionCalendar = RUSSIAN_CALENDAR,
): { minutes: number; weekend: boolean } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    weekend: !isWorkingDay(calendar, dateInZone(instant, timeZone)),
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type CollectionDecision =
  { send: true } | { send: false; reason: 'quiet_hours'; retryAt: Date } | { send: false; reason: 'limit' };

/**
 * May a message about overdue debt go out at `now`, given when earlier ones went (`sent`)? Outside the hours,
 * the answer says when the next window opens; over a limit, the message is not sent at all (the borrower still
 * sees it in the account). `calendar` tells working days from weekends and holidays (the official one by default).
 */
export function collectionMessageDecision(
  now: Date,
  sent: readonly Date[],
  timeZone: string,
  rules: CollectionRules = COLLECTION_RULES_230FZ,
  calendar: ProductionCalendar = RUSSIAN_CALENDAR,
): CollectionDecision {
  const within = (ms: number) => sent.filter((t) => now.getTime() - t.getTime() < ms).length;
  if (within(DAY) >= rules.perDay || within(7 * DAY) >= rules.perWeek || within(30 * DAY) >= rules.perMonth)
    return { send: false, reason: 'limit' };
  const { minutes, weekend } = localTime(now, timeZone, calendar);
  const [from, to] = weekend ? rules.weekendHours : rules.workdayHours;
  if (minutes >= from * 60 && minutes < to * 60) return { send: true };
  if (minutes < from * 60)
    return {
      send: false,
      reason: 'quiet_hours',
      retryAt: new Date(now.getTime() + (from * 60 - minutes) * MINUTE),
    };
  // After hours: the window of the next day, which may be a weekend or a workday.
  const tomorrow = localTime(new Date(now.getTime() + DAY), timeZone, calendar);
  const nextFrom = (tomorrow.weekend ? rules.weekendHours : rules.workdayHours)[0];
  return {
    send: false,
    reason: 'quiet_hours',
    retryAt: new Date(now.getTime() + (24 * 60 - minutes + nextFrom * 60) * MINUTE),
  };
}
