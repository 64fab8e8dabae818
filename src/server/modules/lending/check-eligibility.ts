import type { Eligibility, EligibilityBlock } from '../../../contracts';
import { dateInZone, type IsoDate } from '../../../domain/calendar';
import { applyAgainAfterHighPskLoan, passportValidOn, refusalMessage } from '../../../domain/decision';
import { ruleSetOn } from '../../../domain/legal-rules';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { loadBorrower } from '../identity/borrower-view';
import { hasApplicationIn } from './application-repository';
import { borrowerLoanHistory } from './loan-history';
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
  // The day is added by messageOf.
  WAIT_AFTER_HIGH_PSK_LOAN: refusalMessage(['WAIT_AFTER_HIGH_PSK_LOAN']),
};

/** The text of a block; the waiting period names the day the borrower may apply from. */
const messageOf = (reason: EligibilityBlock, applyAgainOn: IsoDate | null) =>
  reason === 'WAIT_AFTER_HIGH_PSK_LOAN' && applyAgainOn
    ? refusalMessage(['WAIT_AFTER_HIGH_PSK_LOAN'], applyAgainOn)
    : BLOCK_TEXT[reason];

/** The borrower's loan history as the rules of applying see it (loan-history.ts). */
export type LoanHistory = Awaited<ReturnType<typeof borrowerLoanHistory>>;

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
    borrowerLoanHistory(deps, { borrowerId, today }),
    listActiveProducts(deps.db, today),
    loadBorrower(deps.db, borrowerId),
  ]);
  const blocks: EligibilityBlock[] = [];
  if (inProgress) blocks.push('APPLICATION_IN_PROGRESS');
  if (history.activeLoans > 0) blocks.push('LOAN_ALREADY_ACTIVE');
  if (history.shortLoansThisYear >= ruleSetOn(today).maxShortLoansPerYear)
    blocks.push('LOANS_PER_YEAR_LIMIT');
  if (!passportValidOn(borrower.birthDate, borrower.passportIssueDate, today))
    blocks.push('PASSPORT_EXPIRED');
  // From 2027-01-01: a pause after repaying a loan with PSK above 100 % (domain/decision.ts).
  const applyAgainOn = applyAgainAfterHighPskLoan(history.lastHighPskLoanRepaidOn, ruleSetOn(today));
  if (applyAgainOn !== null && today < applyAgainOn) blocks.push('WAIT_AFTER_HIGH_PSK_LOAN');
  const parallel = products.some((p) => p.allowsParallelLoans);
  return { blocks, history, parallel, applyAgainOn };
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
  const { blocks, history, parallel, applyAgainOn } = await blocksOf(deps, borrowerId);
  const [reason = null] = blocks.filter((b) => !(b === 'LOAN_ALREADY_ACTIVE' && parallel));
  return {
    canApply: reason === null,
    reason,
    message: reason && messageOf(reason, applyAgainOn),
    firstLoan: !history.everBorrowed,
  };
}

/**
 * Refuses, before anything is stored, an application the borrower may not submit for this product: 409 with
 * the reason's code and text (APPLICATION_IN_PROGRESS, LOAN_ALREADY_ACTIVE unless the product allows a second
 * loan, LOANS_PER_YEAR_LIMIT, PASSPORT_EXPIRED, WAIT_AFTER_HIGH_PSK_LOAN with the day to apply from). Returns the loan history for the decision.
 */
export async function assertEligible(
  deps: Deps,
  options: { borrowerId: string; productAllowsParallelLoans: boolean },
): Promise<LoanHistory> {
  const { blocks, history, applyAgainOn } = await blocksOf(deps, options.borrowerId);
  const [reason] = blocks.filter((b) => !(b === 'LOAN_ALREADY_ACTIVE' && options.productAllowsParallelLoans));
  if (reason) throw new AppError(reason, { detail: messageOf(reason, applyAgainOn) });
  return history;
}
