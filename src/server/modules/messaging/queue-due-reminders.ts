import type { IsoDate } from '../../../domain/calendar';
import type { DbOrTx } from '../../adapters/db/database';
import { insertDueReminders } from './messaging-repository';

/** The hour (local) reminders of the nightly close go out at, not in the middle of the night. */
export const REMINDER_HOUR = 10;

/**
 * After the close of business date D: reminders of payments due in 0, 1 and 3 days and overdue notices (days 1, 3,
 * 7, then weekly), sent at REMINDER_HOUR local time of D + 1, stamped `now` (the app's clock). A rerun adds
 * nothing.
 */
export async function queueDueReminders(
  db: DbOrTx,
  date: IsoDate,
  options: { timeZone: string; now: Date },
): Promise<void> {
  await insertDueReminders(db, { date, timeZone: options.timeZone, hour: REMINDER_HOUR, now: options.now });
}
