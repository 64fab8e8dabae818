import type { LoanView } from '../../../contracts';
import { parseKopecks } from '../../../domain/money';
import { daysBetween } from '../../../domain/calendar';
import { PAYMENTS, plural, termText } from '../../../domain/russian';

const days = (n: number): string => termText(n, 'days');
const LEFT = ['остался', 'осталось', 'осталось'] as const;

type NextPayment = Pick<NonNullable<LoanView['nextPayment']>, 'dueDate' | 'daysLeft' | 'overdue'>;

/** Whole days the due date is behind `today` (0 when it is today or ahead). */
export const daysLate = (next: Pick<NextPayment, 'dueDate'>, today: string): number =>
  Math.max(0, daysBetween(next.dueDate, today));

/**
 * When the next payment is due, in words: «сегодня», «остался 1 день», «осталось 5 дней», «просрочен на 3 дня».
 * The server counts `daysLeft` down to 0 and no further, so the days late come from the dates.
 */
export function dueText(next: NextPayment, today: string): string {
  const late = daysLate(next, today);
  if (next.overdue && late > 0) return `просрочен на ${days(late)}`;
  const n = Math.max(0, next.daysLeft);
  if (n === 0) return 'сегодня';
  return `${plural(n, LEFT)} ${days(n)}`;
}

/** «3 платежа». */
export const paymentsText = (n: number): string => `${n}\u00a0${plural(n, PAYMENTS)}`;

/** How much of the legal cap the accruals have used, in whole percent 0…100 (for a progress bar). */
export function capUsedPercent(accrued: string, cap: string): number {
  const a = parseKopecks(accrued);
  const c = parseKopecks(cap);
  if (c <= 0n) return 0;
  const percent = Number((a * 100n) / c);
  return Math.min(100, Math.max(0, percent));
}

/** «Использовано 1 из 3». */
export const usedText = (used: number, max: number): string => `Использовано ${used} из ${max}`;

type Prolongation = LoanView['prolongation']['history'][number];

/** The prolongation that took effect last (by when it was signed), if any. */
export function latestInForce(loan: Pick<LoanView, 'prolongation'>): Prolongation | undefined {
  return loan.prolongation.history
    .filter((p) => p.status === 'in_force')
    .sort((a, b) => (b.signedAt ?? '').localeCompare(a.signedAt ?? ''))[0];
}
