import { and, eq, inArray, ne } from 'drizzle-orm';
import type { ApplicationRequest, QuoteView } from '../../../contracts';
import { addDays, dateInZone } from '../../../domain/calendar';
import { decide, refusalMessage, type Decision } from '../../../domain/decision';
import { ruleSetOn } from '../../../domain/legal-rules';
import { formatRub, parseKopecks } from '../../../domain/money';
import type { Quote } from '../../../domain/quote';
import { termText } from '../../../domain/russian';
import { BureauError } from '../../adapters/bureau/bureau-port';
import { CardNumberInvalidError } from '../../adapters/payouts/card-tokenizer';
import { applicationEvents, loanApplications, loans } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';
import { audit } from '../audit/audit';
import { getApplication, type StoredPayoutMethod } from './application-view';
import { loadBorrower, openPassport } from '../identity/borrower-view';
import type { Deps, RequestMeta } from '../../deps';
import { findProduct, type ProductRow } from './loan-products';
import { notifyBorrower } from '../messaging/notify-borrower';
import { priceLoan, toQuoteView } from './quote-loan';

type Input = Omit<ApplicationRequest, 'term'> & { term: number };

const OPEN = ['submitted', 'under_review', 'approved'] as const;

/** The borrower's history the decision needs: open applications, loans not yet repaid, loans this year. */
async function loanHistory(deps: Deps, borrowerId: string, today: string) {
  const open = await deps.db
    .select({ id: loanApplications.id })
    .from(loanApplications)
    .where(and(eq(loanApplications.borrowerId, borrowerId), inArray(loanApplications.status, [...OPEN])))
    .limit(1);
  if (open.length > 0) throw new AppError('APPLICATION_IN_PROGRESS');
  const held = await deps.db
    .select({ status: loans.status, decision: loanApplications.decision, createdAt: loans.createdAt })
    .from(loans)
    .innerJoin(loanApplications, eq(loanApplications.id, loans.applicationId))
    .where(and(eq(loans.borrowerId, borrowerId), ne(loans.status, 'cancelled')));
  const unpaid = held.filter((l) => l.status !== 'closed');
  const yearAgo = new Date(`${addDays(today, -365)}T00:00:00Z`);
  return {
    activeLoans: unpaid.length,
    unpaidLoanPsks: unpaid.map(
      (r) => (r.decision as { offer?: QuoteView } | null)?.offer?.pskPercent ?? '0.000',
    ),
    shortLoansThisYear: held.filter((r) => r.createdAt >= yearAgo).length,
    everBorrowed: held.length > 0,
  };
}

async function storedPayoutMethod(deps: Deps, method: Input['payoutMethod']): Promise<StoredPayoutMethod> {
  switch (method.kind) {
    case 'card':
      try {
        const card = await deps.cardTokenizer.tokenize(method.cardNumber);
        return { kind: 'card', token: card.token, last4: card.last4, paymentSystem: card.paymentSystem };
      } catch (error) {
        if (error instanceof CardNumberInvalidError)
          throw new AppError('CARD_INVALID', {
            errors: [{ path: 'payoutMethod.cardNumber', message: error.message }],
          });
        throw error;
      }
    case 'sbp':
      return { kind: 'sbp', phone: method.phone as string, bankId: method.bankId };
    case 'bank_account':
      return { kind: 'bank_account', accountNumber: method.accountNumber, bik: method.bik };
  }
}

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

/**
 * Takes an application and decides it at once: product and price checks, the self-ban query to the credit bureau
 * (logged), the legal limits and the debt load. Records the decision with its inputs and rule-set version, shows
 * the borrower a timeline, and sends an SMS about the decision.
 */
export async function submitApplication(deps: Deps, borrowerId: string, input: Input, meta: RequestMeta) {
  const today = dateInZone(deps.clock.now(), deps.config.timeZone);
  const product = await findProduct(deps.db, input.productId);
  const history = await loanHistory(deps, borrowerId, today);
  const firstLoan = !history.everBorrowed;
  const requested = parseKopecks(input.amount);
  const asked = priceLoan(deps, product, requested, input.term, firstLoan);
  const payoutMethod = await storedPayoutMethod(deps, input.payoutMethod);
  const borrower = await loadBorrower(deps.db, borrowerId);
  const passport = openPassport(deps.cipher, borrower.passportEncrypted);

  let selfBan;
  try {
    selfBan = await deps.bureau.checkSelfBan({
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

  const ruleSet = ruleSetOn(today);
  const decision = decide({
    today,
    ruleSet,
    birthDate: borrower.birthDate,
    passportIssueDate: borrower.passportIssueDate,
    selfBan: selfBan.banned,
    unpaidLoanPsks: history.unpaidLoanPsks,
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
  const offer =
    decision.outcome === 'approved'
      ? toQuoteView(
          decision.amount === requested
            ? asked
            : priceLoan(deps, product, decision.amount, input.term, firstLoan),
          input.term,
          firstLoan,
        )
      : null;
  const status = { approved: 'approved', refused: 'refused', manual_review: 'under_review' } as const;
  const now = deps.clock.now();

  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(loanApplications)
      .values({
        borrowerId,
        productId: product.id,
        amount: requested,
        term: input.term,
        employment: input.employment,
        monthlyIncome: parseKopecks(input.monthlyIncome),
        payoutMethod,
        status: status[decision.outcome],
        decision: {
          outcome: decision.outcome,
          reasons: decision.reasons,
          ruleSetId: ruleSet.id,
          decidedOn: today,
          inputs: {
            firstLoan,
            requestedAmount: input.amount,
            monthlyIncome: input.monthlyIncome,
            employment: input.employment,
            askedPskPercent: asked.pskPercent,
            unpaidLoanPsks: history.unpaidLoanPsks,
            shortLoansThisYear: history.shortLoansThisYear,
            activeLoans: history.activeLoans,
            selfBan: { banned: selfBan.banned, bureau: selfBan.bureau, requestId: selfBan.requestId },
          },
          ...(offer ? { offer } : {}),
        },
        offerAmount: decision.outcome === 'approved' ? decision.amount : null,
        offerTerm: decision.outcome === 'approved' ? input.term : null,
        createdAt: now,
        decidedAt: decision.outcome === 'manual_review' ? null : now,
      })
      .returning({ id: loanApplications.id });
    await tx.insert(applicationEvents).values([
      { applicationId: row!.id, status: 'submitted', at: now },
      {
        applicationId: row!.id,
        status: status[decision.outcome],
        at: now,
        note: decision.outcome === 'refused' ? `Отказ: ${refusalMessage(decision.reasons)}` : null,
      },
    ]);
    await audit(tx, {
      meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'loan.application-decided',
      subjectId: row!.id,
      details: { outcome: decision.outcome, reasons: decision.reasons, selfBanRequestId: selfBan.requestId },
    });
    return row!.id;
  });

  const offerText = offer
    ? `${formatRub(parseKopecks(offer.amount))} на ${termText(offer.term, offer.termUnit)}`
    : '';
  await notifyBorrower(
    deps,
    borrower.phone,
    'application-decision',
    DECISION_SMS[decision.outcome](offerText),
  );
  return getApplication(deps.db, borrowerId, id);
}
