import type { Eligibility, EligibilityBlock } from '../../../contracts';
import { addDays, dateInZone, type IsoDate } from '../../../domain/calendar';
import { passportValidOn } from '../../../domain/decision';
import { ruleSetOn } from '../../../domain/legal-rules';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { loadBorrower } from '../identity/borrower-view';
import { hasApplicationIn, listBorrowerLoans } from './application-repository';
import { listActiveProducts } from './product-repository';

/** Applications still being decided or signed: a second one waits for them. */
const OPEN = ['submitted', 'under_review', 'approved'] as const;

/** What the borrower reads when they may not apply, by reason. */
const BLOCK_TEXT: Record<EligibilityBlock, string> = {
  APPLICATION_IN_PROGRESS: 'У вас уже есть заявка в работе: дождитесь решения по ней или отмените её.',
  LOAN_ALREADY_ACTIVE:
    'У вас есть непогашенный заём. Новый можно будет оформить после того, как вы его погасите.',
  LOANS_PER_YEAR_LIMIT:
    'За последние 12 месяцев у вас уже максимальное число займов, которое позволяет закон. Новый заём можно будет оформить позже.',
  PASSPORT_EXPIRED: 'Срок действия паспорта истёк. Обновите паспортные данные в профиле — и подайте заявку.',
};

/** The borrower's loan history as the rules of applying see it (cancelled loans are not loans). */
export type LoanHistory = Awaited<ReturnType<typeof loanHistoryOf>>;

/**
 * The borrower's loans for the decision (kopecks and PSKs as stored): those not repaid, their PSKs, the loans of
 * the last 365 days, and whether they ever borrowed (the first-loan rate applies only to a newcomer).
 */
export async function loanHistoryOf(deps: Pick<Deps, 'db'>, borrowerId: string, today: IsoDate) {
  const held = await listBorrowerLoans(deps.db, borrowerId);
  const unpaid = held.filter((l) => l.status !== 'closed');
  const yearAgo = new Date(`${addDays(today, -365)}T00:00:00Z`);
  return {
    activeLoans: unpaid.length,
    unpaidLoanPsks: unpaid.map(
      (r) => (r.decision as { offer?: { pskPercent?: string } } | null)?.offer?.pskPercent ?? '0.000',
    ),
    shortLoansThisYear: held.filter((r) => r.createdAt >= yearAgo).length,
    everBorrowed: held.length > 0,
  };
}

/**
 * Why the borrower may not apply today, first reason first — the rules the form can know before anything is
 * submitted (so no refusal is ever stored for them): an application in progress, a loan not repaid while no
 * product allows a second one (one loan at a time), the legal number of short loans a year (domain-rules §4), a
 * passport no longer valid for the borrower's age. With the loan history the decision needs.
 */
async function blocksOf(deps: Deps, borrowerId: string) {
  const today = dateInZone(deps.clock.now(), deps.config.timeZone);
  const [inProgress, history, products, borrower] = await Promise.all([
    hasApplicationIn(deps.db, borrowerId, OPEN),
    loanHistoryOf(deps, borrowerId, today),
    listActiveProducts(deps.db),
    loadBorrower(deps.db, borrowerId),
  ]);
  const blocks: EligibilityBlock[] = [];
  if (inProgress) blocks.push('APPLICATION_IN_PROGRESS');
  if (history.activeLoans > 0) blocks.push('LOAN_ALREADY_ACTIVE');
  if (history.shortLoansThisYear >= ruleSetOn(today).maxShortLoansPerYear)
    blocks.push('LOANS_PER_YEAR_LIMIT');
  if (!passportValidOn(borrower.birthDate, borrower.passportIssueDate, today))
    blocks.push('PASSPORT_EXPIRED');
  const parallel = products.some((p) => p.allowsParallelLoans);
  return { blocks, history, parallel };
}

/**
 * Whether the borrower may apply today and, if not, why (see blocksOf; an active loan does not block while some
 * product allows a second one), and whether the next loan is their first (the promo rate; «Первый заём под 0 %»
 * is offered only then).
 */
export async function checkEligibility(
  deps: Deps,
  { borrowerId }: { borrowerId: string },
): Promise<Eligibility> {
  const { blocks, history, parallel } = await blocksOf(deps, borrowerId);
  const [reason = null] = blocks.filter((b) => !(b === 'LOAN_ALREADY_ACTIVE' && parallel));
  return {
    canApply: reason === null,
    reason,
    message: reason && BLOCK_TEXT[reason],
    firstLoan: !history.everBorrowed,
  };
}

/**
 * Refuses, before anything is stored, an application the borrower may not submit for this product: 409 with
 * the reason's code and text (APPLICATION_IN_PROGRESS, LOAN_ALREADY_ACTIVE unless the product allows a second
 * loan, LOANS_PER_YEAR_LIMIT, PASSPORT_EXPIRED). Returns the loan history for the decision.
 */
export async function assertEligible(
  deps: Deps,
  options: { borrowerId: string; productAllowsParallelLoans: boolean },
): Promise<LoanHistory> {
  const { blocks, history } = await blocksOf(deps, options.borrowerId);
  const [reason] = blocks.filter((b) => !(b === 'LOAN_ALREADY_ACTIVE' && options.productAllowsParallelLoans));
  if (reason) throw new AppError(reason, { detail: BLOCK_TEXT[reason] });
  return history;
}
