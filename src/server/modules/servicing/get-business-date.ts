import type { Deps } from '../../deps';
import { lastClosedDate } from './close-repository';
import { businessToday } from './loan-account';

/** Today's business date ('YYYY-MM-DD', lender's time zone) and the last date the close finished (null before any). */
export async function getBusinessDate(deps: Deps) {
  return { today: businessToday(deps), closedThrough: await lastClosedDate(deps.db) };
}
