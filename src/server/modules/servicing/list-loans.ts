import { LRUCache } from 'lru-cache';
import type { LoanView } from '../../../contracts/servicing';
import type { ProductionCalendar } from '../../../domain/production-calendar';
import type { Deps } from '../../deps';
import { loadProductionCalendarCached } from './calendar-repository';
import { buildLoanView } from './get-loan';
import { businessToday } from './loan-account';
import { parseDashboard, readDashboardText } from './loan-repository';

/** The cards last built for a borrower, and what they were built from. */
type BuiltCards = { text: string; today: string; calendar: ProductionCalendar; views: LoanView[] };

/**
 * How many borrowers' last cards each app (its Deps) keeps (a few kilobytes each): the dashboard is read far more
 * often than it changes (a phone reopening the app, the web app refetching), and a card is a pure function of its
 * rows, the business date, the production calendar and the configuration (buildLoanView).
 */
const BUILT_CARDS_KEPT = 2_000;
const builtCards = new WeakMap<object, LRUCache<string, BuiltCards>>();

/**
 * The borrower's loans (cancelled ones left out), newest first, as their cards show them: one query for every
 * card (readDashboardText), and the production calendar from the in-memory cache (a minute at most; an edit on this
 * instance drops it at once). When the database answers with exactly the text the borrower's cards were last built
 * from, on the same business date and calendar, those cards are returned as they are: the same rows give the same
 * cards, so nothing can be stale (any change in the rows changes the text), and neither parsing nor building is
 * repeated. Throws CONTRACT_NOT_FOUND when a loan's contract is missing.
 */
export async function listLoans(deps: Deps, options: { borrowerId: string }): Promise<LoanView[]> {
  const [text, calendar] = await Promise.all([
    readDashboardText(deps.db, options.borrowerId),
    loadProductionCalendarCached(deps.db),
  ]);
  const today = businessToday(deps);
  let kept = builtCards.get(deps);
  if (!kept) builtCards.set(deps, (kept = new LRUCache({ max: BUILT_CARDS_KEPT })));
  const last = kept.get(options.borrowerId);
  if (last && last.text === text && last.today === today && last.calendar === calendar) return last.views;
  const views = await Promise.all(parseDashboard(text).map((card) => buildLoanView(deps, card, calendar)));
  kept.set(options.borrowerId, { text, today, calendar, views });
  return views;
}
