import type { z } from 'zod';
import type {
  CalendarYearView,
  LegalOnDate,
  PskCeilingView,
  ZEnterPskAverage,
} from '../../../../contracts/backoffice-settings';
import type { IsoDate } from '../../../../domain/calendar';
import { ruleSetOn } from '../../../../domain/legal-rules';
import { isWorkingDay } from '../../../../domain/production-calendar';
import { PSK_CATEGORIES } from '../../../../domain/psk-ceiling';
import type { StaffActor } from '../../../actor';
import type { Db } from '../../../adapters/db/database';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { savePskAverage } from '../../lending/psk-ceilings';
import { findCeilingInForce, listCeilings, type PskCeilingRow } from '../../lending/psk-ceiling-repository';
import {
  getCalendarYear,
  loadProductionCalendar,
  replaceCalendarYear,
} from '../../servicing/production-calendar';

/**
 * Legal data the back office enters (permission settings.manage), each with the date it applies from: the Bank of
 * Russia's quarterly average PSK per category (in force for contracts from the quarter's first day; the ceiling is
 * average + 1/3, at most the rule set's maximum) and the production calendar (non-working days by date, a year
 * replaced as a whole, for schedules made after the change). Every entry is audited.
 */

const labelOf = (code: string) => PSK_CATEGORIES.find((c) => c.code === code)?.label ?? code;

const ceilingView = (
  row: Omit<PskCeilingRow, 'createdAt' | 'demo'> & { demo?: boolean | undefined },
): PskCeilingView => ({
  category: row.category,
  label: labelOf(row.category),
  quarterStart: row.quarterStart,
  averagePercent: row.averagePskPercent,
  ceilingPercent: row.ceilingPskPercent,
  demo: row.demo ?? false,
});

/** The categories of the Bank of Russia's table and every entered quarter, newest first. */
export async function listPskCeilings(deps: Deps) {
  return {
    categories: PSK_CATEGORIES.map((c) => ({ code: c.code, label: c.label })),
    entries: (await listCeilings(deps.db)).map(ceilingView),
  };
}

/**
 * Enters (or corrects) the average of a category for a quarter, audited as `backoffice.legal.psk-average-entered`.
 * Throws VALIDATION_FAILED for an unknown category.
 */
export async function enterPskAverage(
  deps: Deps,
  { actor, input, meta }: { actor: StaffActor; input: z.infer<typeof ZEnterPskAverage>; meta: RequestMeta },
): Promise<PskCeilingView> {
  if (!PSK_CATEGORIES.some((c) => c.code === input.category))
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'category', message: 'Нет такой категории' }],
    });
  const averagePercent = input.averagePercent.replace(',', '.');
  const row = await deps.db.transaction(async (tx) => {
    const saved = await savePskAverage(
      tx,
      { category: input.category, quarterStart: input.quarterStart, averagePercent, demo: false },
      { replace: true },
    );
    await audit(tx, {
      actor,
      action: 'backoffice.legal.psk-average-entered',
      subjectId: null,
      details: { ...input, averagePercent, ceilingPercent: saved.ceilingPskPercent },
      meta,
    });
    return saved;
  });
  return ceilingView(row);
}

/** One year of the production calendar as stored (`stored: false` and no days when the table has none). */
export async function showCalendarYear(deps: Deps, year: number): Promise<CalendarYearView> {
  const stored = await getCalendarYear(deps, year);
  return stored
    ? { year, source: stored.source, days: [...stored.days], stored: true }
    : { year, source: '', days: [], stored: false };
}

/**
 * Replaces a year's exceptions, audited as `backoffice.legal.calendar-replaced`. Throws VALIDATION_FAILED when a
 * day lies outside the year or twice, a working day is not a weekend day, or a day off falls on a weekend.
 */
export async function enterCalendarYear(
  deps: Deps,
  {
    actor,
    year,
    input,
    meta,
  }: {
    actor: StaffActor;
    year: number;
    input: Omit<CalendarYearView, 'year' | 'stored'>;
    meta: RequestMeta;
  },
): Promise<CalendarYearView> {
  try {
    await deps.db.transaction(async (tx) => {
      // The calendar module opens its own transaction: inside this one it is a savepoint, so the year and its audit
      // record commit together.
      await replaceCalendarYear(
        { db: tx as unknown as Db },
        { year, source: input.source, days: input.days },
      );
      await audit(tx, {
        actor,
        action: 'backoffice.legal.calendar-replaced',
        details: { year, source: input.source, days: input.days.length },
        meta,
      });
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new AppError('VALIDATION_FAILED', {
      detail: `Календарь не сохранён: ${calendarError(error.message)}`,
      errors: [{ path: 'days', message: calendarError(error.message) }],
    });
  }
  return showCalendarYear(deps, year);
}

/** The calendar module's RangeError in Russian. */
function calendarError(message: string): string {
  const date = /\d{4}-\d{2}-\d{2}/.exec(message)?.[0] ?? '';
  if (message.startsWith('working day'))
    return `${date}: рабочим можно сделать только субботу или воскресенье`;
  if (message.startsWith('day off')) return `${date}: это и так выходной (суббота или воскресенье)`;
  return `${date}: дата не из этого года или повторяется`;
}

/** What applies on `date`: the rule set, whether the day is working (and why not), the ceilings in force. */
export async function legalOnDate(deps: Deps, date: IsoDate): Promise<LegalOnDate> {
  const ruleSet = ruleSetOn(date);
  const calendar = await loadProductionCalendar(deps.db);
  const year = await getCalendarYear(deps, Number(date.slice(0, 4)));
  const note = year?.days.find((d) => d.date === date)?.note ?? null;
  const ceilings = await Promise.all(
    PSK_CATEGORIES.map(async (c) => {
      const row = await findCeilingInForce(deps.db, c.code, date);
      return {
        category: c.code,
        label: c.label,
        quarterStart: row?.quarterStart ?? null,
        averagePercent: row?.averagePskPercent ?? null,
        ceilingPercent: row?.ceilingPskPercent ?? null,
      };
    }),
  );
  return {
    date,
    ruleSet: { id: ruleSet.id, maxDailyRateBp: ruleSet.maxDailyRateBp, maxPskPercent: ruleSet.maxPskPercent },
    working: isWorkingDay(calendar, date),
    dayNote: note,
    ceilings,
  };
}
