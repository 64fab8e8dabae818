import type { ApplicationRequest } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { decide, DEFAULT_POLICY } from '../../../domain/decision';
import { ruleSetOn } from '../../../domain/legal-rules';
import { parseKopecks } from '../../../domain/money';
import { policyWithOffer } from '../../../domain/offers';
import type { Quote } from '../../../domain/quote';
import { BureauError } from '../../adapters/bureau/bureau-port';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { applicableOffer } from '../engagement/applicable-offer';
import { loadBorrower, openPassport } from '../identity/borrower-view';
import { addApplicationEvents, insertApplication } from './application-repository';
import { recordDecision } from './record-decision';
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

/**
 * Takes an application and decides it at once. What the form could know is refused first, with nothing stored
 * (assertEligible: 409 APPLICATION_IN_PROGRESS, LOAN_ALREADY_ACTIVE, LOANS_PER_YEAR_LIMIT, PASSPORT_EXPIRED);
 * then product and price checks, the self-ban query to the credit bureau
 * (logged), the legal limits and the debt load. Records the decision through recordDecision (record-decision.ts) with its inputs and rule-set version, shows
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
  // A personal offer in force today (engagement/applicable-offer.ts): its rate discount prices the application's
  // quote exactly as the calculator and the contract do; its larger pre-approved amount raises what is approved
  // without a specialist (domain/offers.ts policyWithOffer).
  const personal = await applicableOffer(deps, { borrowerId, date: today });
  const rateDiscountBp = personal?.rateDiscountBp ?? 0;
  const asked = await priceLoan(deps, {
    product,
    amount: requested,
    term: input.term,
    firstLoan,
    rateDiscountBp,
  });
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
    policy: policyWithOffer(DEFAULT_POLICY, personal),
  });
  const approved = decision.outcome === 'approved' ? decision : null;
  const approvedView = approved
    ? toQuoteView(
        approved.amount === requested
          ? asked
          : await priceLoan(deps, {
              product,
              amount: approved.amount,
              term: input.term,
              firstLoan,
              rateDiscountBp,
            }),
        input.term,
        firstLoan,
      )
    : null;
  const offer =
    approvedView && personal ? { ...approvedView, offerId: personal.id, rateDiscountBp } : approvedView;
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
      status: 'submitted',
      createdAt: now,
    });
    await addApplicationEvents(tx, [{ applicationId, status: 'submitted', at: now }]);
    const record = {
      ruleSetId: ruleSet.id,
      decidedOn: today,
      automatic: true,
      inputs: {
        firstLoan,
        requestedAmount: input.amount,
        monthlyIncome: input.monthlyIncome,
        employment: input.employment,
        askedPskPercent: asked.pskPercent,
        ...(personal
          ? { offerId: personal.id, rateDiscountBp, amountBonus: String(personal.amountBonus) }
          : {}),
        unpaidLoanPsks: history.unpaidLoanPsks,
        lastHighPskLoanRepaidOn: history.lastHighPskLoanRepaidOn,
        shortLoansThisYear: history.shortLoansThisYear,
        activeLoans: history.activeLoans,
        selfBan: { banned: selfBan.banned, bureau: selfBan.bureau, requestId: selfBan.requestId },
        // What the rules (the debt load) would allow, for the specialist who reviews a large first loan.
        ...(decision.outcome === 'manual_review' ? { allowedAmount: String(decision.amount) } : {}),
      },
    };
    const sendNow = await recordDecision(deps, tx, {
      applicationId,
      borrowerId,
      from: 'submitted',
      decision:
        approved && offer
          ? {
              outcome: 'approved',
              reasons: approved.reasons,
              amount: approved.amount,
              term: input.term,
              offer,
              record,
            }
          : decision.outcome === 'refused'
            ? {
                outcome: 'refused',
                reasons: decision.reasons,
                ...(decision.applyAgainOn ? { applyAgainOn: decision.applyAgainOn } : {}),
                record,
              }
            : { outcome: 'manual_review', reasons: decision.reasons, record },
      actor: { kind: 'borrower', borrowerId },
      meta,
      auditDetails: { selfBanRequestId: selfBan.requestId },
    });
    return { applicationId, sendNow };
  });
  await sendNow();

  return getApplication(deps, { borrowerId, applicationId: id });
}
