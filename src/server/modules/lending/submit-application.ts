import type { ApplicationRequest } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { decide, refusalMessage, type Decision } from '../../../domain/decision';
import { ruleSetOn } from '../../../domain/legal-rules';
import { formatRub, parseKopecks } from '../../../domain/money';
import type { Quote } from '../../../domain/quote';
import { termText } from '../../../domain/russian';
import { BureauError } from '../../adapters/bureau/bureau-port';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { loadBorrower, openPassport } from '../identity/borrower-view';
import { notifyBorrower } from '../messaging/notify-borrower';
import { addApplicationEvents, insertApplication } from './application-repository';
import { assertEligible } from './check-eligibility';
import { getApplication } from './get-application';
import { getActiveProduct, type ProductRow } from './product-repository';
import { priceLoan } from './quote-loan';
import { toStoredPayoutMethod } from './payout-method';
import { toQuoteView } from './views';

type Input = Omit<ApplicationRequest, 'term'> & { term: number };

/** Monthly payment per ruble of principal: the single payment of a payday loan, ~2.17 biweekly payments a month. */
function monthlyPaymentRatio(q: Quote) {
  return q.kind === 'payday'
    ? { num: q.regularPayment, den: q.amount }
    : { num: q.regularPayment * 365n, den: q.amount * 14n * 12n };
}

/** The product amount not above `limit`, on the product's step, or null when even the minimum is too much. */
const amountOptions = (product: ProductRow) => (limit: bigint) => {
  if (limit < product.minAmount) return null;
  const capped = limit > product.maxAmount ? product.maxAmount : limit;
  return product.minAmount + ((capped - product.minAmount) / product.amountStep) * product.amountStep;
};

const DECISION_SMS: Record<Decision['outcome'], (offer: string) => string> = {
  approved: (offer) => `Заявка одобрена: ${offer}. Подпишите договор в личном кабинете.`,
  refused: () => 'По вашей заявке принято решение. Подробности — в личном кабинете.',
  manual_review: () => 'Заявку рассматривает специалист. Мы пришлём СМС, когда будет решение.',
};

/** The self-ban query to the credit bureau; BUREAU_UNAVAILABLE when the bureau cannot answer. */
async function checkSelfBan(deps: Deps, borrower: Awaited<ReturnType<typeof loadBorrower>>) {
  const passport = openPassport(deps.cipher, borrower.passportEncrypted);
  try {
    return await deps.bureau.checkSelfBan({
      surname: borrower.surname,
      name: borrower.name,
      patronymic: borrower.patronymic,
      birthDate: borrower.birthDate,
      passportSeries: passport.series,
      passportNumber: passport.number,
    });
  } catch (error) {
    if (error instanceof BureauError) throw new AppError('BUREAU_UNAVAILABLE');
    throw error;
  }
}

const STATUS_OF = { approved: 'approved', refused: 'refused', manual_review: 'under_review' } as const;

/**
 * Takes an application and decides it at once. What the form could know is refused first, with nothing stored
 * (assertEligible: 409 APPLICATION_IN_PROGRESS, LOAN_ALREADY_ACTIVE, LOANS_PER_YEAR_LIMIT, PASSPORT_EXPIRED);
 * then product and price checks, the self-ban query to the credit bureau
 * (logged), the legal limits and the debt load. Records the decision with its inputs and rule-set version, shows
 * the borrower a timeline, and sends an SMS about the decision. `input.term` is in the product's unit.
 */
export async function submitApplication(
  deps: Deps,
  { borrowerId, input, meta }: { borrowerId: string; input: Input; meta: RequestMeta },
) {
  const today = dateInZone(deps.clock.now(), deps.config.timeZone);
  const product = await getActiveProduct(deps.db, input.productId, today);
  const history = await assertEligible(deps, {
    borrowerId,
    productAllowsParallelLoans: product.allowsParallelLoans,
  });
  const firstLoan = !history.everBorrowed;
  const requested = parseKopecks(input.amount);
  const asked = await priceLoan(deps, { product, amount: requested, term: input.term, firstLoan });
  const payoutMethod = await toStoredPayoutMethod(deps, input.payoutMethod);
  const borrower = await loadBorrower(deps.db, borrowerId);
  const selfBan = await checkSelfBan(deps, borrower);

  const ruleSet = ruleSetOn(today);
  const decision = decide({
    today,
    ruleSet,
    birthDate: borrower.birthDate,
    passportIssueDate: borrower.passportIssueDate,
    selfBan: selfBan.banned,
    unpaidLoanPsks: history.unpaidLoanPsks,
    lastHighPskLoanRepaidOn: history.lastHighPskLoanRepaidOn,
    shortLoansThisYear: history.shortLoansThisYear,
    activeLoans: history.activeLoans,
    productAllowsParallelLoans: product.allowsParallelLoans,
    firstLoan,
    monthlyIncome: parseKopecks(input.monthlyIncome),
    requestedAmount: requested,
    offerPskPercent: asked.pskPercent,
    monthlyPaymentRatio: monthlyPaymentRatio(asked),
    amountOptions: amountOptions(product),
  });
  const approved = decision.outcome === 'approved' ? decision : null;
  const offer = approved
    ? toQuoteView(
        approved.amount === requested
          ? asked
          : await priceLoan(deps, { product, amount: approved.amount, term: input.term, firstLoan }),
        input.term,
        firstLoan,
      )
    : null;
  const status = STATUS_OF[decision.outcome];
  const now = deps.clock.now();

  const { applicationId: id, sendNow } = await deps.db.transaction(async (tx) => {
    const applicationId = await insertApplication(tx, {
      borrowerId,
      productId: product.id,
      amount: requested,
      term: input.term,
      employment: input.employment,
      monthlyIncome: parseKopecks(input.monthlyIncome),
      payoutMethod,
      status,
      decision: {
        outcome: decision.outcome,
        reasons: decision.reasons,
        ruleSetId: ruleSet.id,
        decidedOn: today,
        ...(decision.outcome === 'refused' && decision.applyAgainOn
          ? { applyAgainOn: decision.applyAgainOn }
          : {}),
        inputs: {
          firstLoan,
          requestedAmount: input.amount,
          monthlyIncome: input.monthlyIncome,
          employment: input.employment,
          askedPskPercent: asked.pskPercent,
          unpaidLoanPsks: history.unpaidLoanPsks,
          lastHighPskLoanRepaidOn: history.lastHighPskLoanRepaidOn,
          shortLoansThisYear: history.shortLoansThisYear,
          activeLoans: history.activeLoans,
          selfBan: { banned: selfBan.banned, bureau: selfBan.bureau, requestId: selfBan.requestId },
        },
        ...(offer ? { offer } : {}),
      },
      offerAmount: approved ? approved.amount : null,
      offerTerm: approved ? input.term : null,
      createdAt: now,
      decidedAt: decision.outcome === 'manual_review' ? null : now,
    });
    const note =
      decision.outcome === 'refused'
        ? `Отказ: ${refusalMessage(decision.reasons, decision.applyAgainOn)}`
        : null;
    await addApplicationEvents(tx, [
      { applicationId, status: 'submitted', at: now },
      { applicationId, status, at: now, note },
    ]);
    await audit(tx, {
      meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'loan.application-decided',
      subjectId: applicationId,
      details: { outcome: decision.outcome, reasons: decision.reasons, selfBanRequestId: selfBan.requestId },
    });
    const offerText = offer
      ? `${formatRub(parseKopecks(offer.amount))} на ${termText(offer.term, offer.termUnit)}`
      : '';
    const sendNow = await notifyBorrower(deps, tx, {
      borrowerId,
      kind: 'application-decision',
      text: DECISION_SMS[decision.outcome](offerText),
    });
    return { applicationId, sendNow };
  });
  await sendNow();

  return getApplication(deps, { borrowerId, applicationId: id });
}
