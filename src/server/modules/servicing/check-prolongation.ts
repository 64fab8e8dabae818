import { addDays, type IsoDate } from '../../../domain/calendar';
import { pendingAccrual, type LoanPosition } from '../../../domain/loan-position';
import type { Kopecks } from '../../../domain/money';
import { nextWorkingDay, type ProductionCalendar } from '../../../domain/production-calendar';
import { prolongationQuote, type ProlongationRefusal } from '../../../domain/servicing';
import type { Instalment } from '../../../domain/schedule';
import type { Deps } from '../../deps';
import { loadProductionCalendar } from './calendar-repository';
import { businessToday, loadPosition, type LoanRow } from './loan-account';

const REFUSAL_TEXT: Record<ProlongationRefusal | 'KIND' | 'NOT_ACTIVE', string> = {
  PROMOTIONAL_RATE:
    'Заём под 0 % продлить нельзя: льготная ставка действует только в срок договора. Верните заём до даты платежа — досрочно можно в любой день без комиссии',
  TOO_MANY_PROLONGATIONS: 'Использованы все пролонгации по этому договору',
  TERM_OUT_OF_RANGE: 'Такой срок продления недоступен',
  OVERDUE_NOT_ALLOWED: 'Заём с просрочкой продлить нельзя: сначала оплатите просроченную задолженность',
  AFTER_DUE_DATE: 'Срок платежа прошёл: продлить заём можно только до даты платежа',
  KIND: 'Пролонгация доступна для займов «до зарплаты»; заём частями можно погасить досрочно',
  NOT_ACTIVE: 'Заём не действует',
};

/** The answer of checkProlongation: the terms (kopecks, 'YYYY-MM-DD'), or why not, in words for the borrower. */
export type ProlongationCheck =
  | { ok: true; payNow: Kopecks; oldDueDate: IsoDate; newDueDate: IsoDate; today: IsoDate }
  | { ok: false; reason: string };

/**
 * Whether the loan may be prolonged by `days` today, and on what terms (domain: prolongationQuote): the borrower
 * pays all interest and penalty accrued and unpaid up to today; an overdue loan (where allowed) gets its new due
 * date counted from today. A loan at a promotional rate (its rate below the product's regular one, e.g. the
 * first loan at 0 %) is never prolonged: the promo would outlive its stated term.
 */
export async function checkProlongation(
  deps: Deps,
  options: {
    loan: LoanRow;
    days: number;
    /**
     * The loan's position when the caller has just read it (not read again); and the production calendar when the
     * caller has it (the dashboard's cached one).
     */
    known?: { position: LoanPosition; calendar?: ProductionCalendar };
  },
): Promise<ProlongationCheck> {
  const { loan, days, known } = options;
  if (loan.status !== 'active' && loan.status !== 'overdue')
    return { ok: false, reason: REFUSAL_TEXT.NOT_ACTIVE };
  if (loan.kind !== 'payday') return { ok: false, reason: REFUSAL_TEXT.KIND };
  const today = businessToday(deps);
  const position = known?.position ?? (await loadPosition(deps.db, loan));
  const dueDate = lastDueDate(position.schedule);
  const balances = position.balances;
  const pending = pendingAccrual(position, today);
  const calendar = known?.calendar ?? (await loadProductionCalendar(deps.db));
  // The product's regular rate in force on the signing date, kept on the loan (a later version may change it).
  const regularRateBp = loan.regularDailyRateBp ?? undefined;
  const quote = prolongationQuote({
    dueDate,
    today,
    interestAccruedUnpaid:
      balances.interest + balances.interestOverdue + balances.penalty + pending.interest + pending.penalty,
    extendDays: days,
    prolongationsSoFar: loan.prolongations,
    ruleSet: { maxProlongations: loan.maxProlongations },
    overdue: balances.principalOverdue + balances.interestOverdue > 0n,
    allowOverdue: loan.prolongationWhenOverdue,
    promotionalRate: regularRateBp !== undefined && loan.dailyRateBp < regularRateBp,
    extendDaysRange: deps.config.servicing.prolongationDays,
    calendar,
  });
  if (!quote.ok) return { ok: false, reason: REFUSAL_TEXT[quote.reason] };
  // Overdue and allowed: the new date counts from today, not from a date already past.
  const newDueDate = dueDate < today ? nextWorkingDay(calendar, addDays(today, days)) : quote.newDueDate;
  return { ok: true, payNow: quote.payNow, oldDueDate: dueDate, newDueDate, today };
}

/** The last due date of a serviced loan's schedule; a serviced loan without one is a defect (Error). */
function lastDueDate(schedule: readonly Instalment[]): IsoDate {
  const last = schedule[schedule.length - 1];
  if (!last) throw new Error('a serviced loan has no schedule');
  return last.dueDate;
}
