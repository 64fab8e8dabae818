import { formatPhone } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { ruleSetOn } from '../../../domain/legal-rules';
import { formatRuDate } from '../../../domain/russian';
import { renderContractPdf } from '../../adapters/documents/contract-pdf';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { registrationAddressLine } from '../borrower-data/registration-address';
import { loadBorrower, openPassport } from '../identity/borrower-view';
import { getOwnApplication } from './application-repository';
import {
  findContractOfApplication,
  getContractOfApplication,
  insertContractIfAbsent,
  nextContractSeq,
  reissueContract,
  type Contract,
} from './contract-repository';
import { isFirstLoan } from './first-loan';
import { getActiveProduct } from './product-repository';
import { priceLoan } from './quote-loan';
import { recheckLegalLimits } from './recheck-legal-limits';
import type { StoredPayoutMethod } from './payout-method';
import { payoutMethodLabel } from './views';
import { applicableOffer } from '../engagement/applicable-offer';

const PENALTY_TEXT =
  '20 % годовых на сумму просроченного основного долга за каждый день просрочки, пока на неё начисляются проценты; после прекращения начисления процентов — 0,1 % в день';

type Application = Awaited<ReturnType<typeof getOwnApplication>>;

/**
 * Draws up the document of an approved application for a contract dated `contractDate` ('YYYY-MM-DD'): priced
 * with the rule set and the PSK ceiling in force that day, rendered, hashed. `number` is kept when the document
 * is drawn up again in the same year.
 */
async function drawUp(
  deps: Deps,
  {
    application,
    borrowerId,
    contractDate,
    number,
  }: {
    application: Application;
    borrowerId: string;
    contractDate: string;
    number: string | undefined;
  },
) {
  if (application.status !== 'approved' || application.offerAmount === null || application.offerTerm === null)
    throw new AppError('CONTRACT_NOT_FOUND', {
      detail: 'Договор можно подписать только по одобренной заявке',
    });
  const product = await getActiveProduct(deps.db, application.productId, contractDate);
  const firstLoan = await isFirstLoan(deps, { borrowerId });
  // A personal offer in force on the contract date: its discount is in the rate, the schedule and the PSK.
  const personal = await applicableOffer(deps, { borrowerId, date: contractDate });
  const offer = await priceLoan(deps, {
    product,
    amount: application.offerAmount,
    term: application.offerTerm,
    firstLoan,
    rateDiscountBp: personal?.rateDiscountBp ?? 0,
  });
  await recheckLegalLimits(deps, {
    application,
    ruleSet: ruleSetOn(contractDate),
    today: contractDate,
    offerPskPercent: offer.pskPercent,
  });
  const borrower = await loadBorrower(deps.db, borrowerId);
  const passport = openPassport(deps.cipher, borrower.passportEncrypted);
  const contractNumber = number?.startsWith(`З-${contractDate.slice(0, 4)}-`)
    ? number
    : `З-${contractDate.slice(0, 4)}-${(await nextContractSeq(deps.db)).padStart(6, '0')}`;
  const document = await renderContractPdf({
    contractNumber,
    contractDate,
    lender: deps.config.lender,
    borrower: {
      fullName: [borrower.surname, borrower.name, borrower.patronymic].filter(Boolean).join(' '),
      birthDate: borrower.birthDate,
      passport: `${passport.series.slice(0, 2)} ${passport.series.slice(2)} ${passport.number}, выдан ${borrower.passportIssuedBy} ${formatRuDate(borrower.passportIssueDate)}, код подразделения ${borrower.passportDivisionCode}`,
      phone: formatPhone(borrower.phone),
      registrationAddress: await registrationAddressLine(deps.db, borrowerId),
    },
    product: { name: product.name, kind: product.kind },
    quote: offer,
    principal: offer.amount,
    dailyRateBp: offer.dailyRateBp,
    payoutMethod: payoutMethodLabel(application.payoutMethod as StoredPayoutMethod),
    penaltyText: PENALTY_TEXT,
  });
  return {
    number: contractNumber,
    contractDate,
    templateVersion: document.templateVersion,
    documentSha256: document.sha256,
    pdf: document.pdf,
    terms: {
      amount: offer.amount,
      term: application.offerTerm,
      pskPercent: offer.pskPercent,
      pskRub: offer.pskRub,
      ruleSetId: offer.ruleSetId,
      firstLoan,
      dailyRateBp: offer.dailyRateBp,
      offerId: personal?.id ?? null,
    },
  };
}

/**
 * The individual terms of an approved application, as a PDF with its SHA-256, dated the day it is asked for
 * and priced with the rules in force that day. Later calls the same day return the same document, so the hash
 * a code is bound to never moves under the borrower. An unsigned document of an earlier day is drawn up again
 * for today (the rules of the day a contract is signed apply, domain-rules.md: the caps of 151-FZ, the PSK
 * ceiling, the cooling-off): a contract prepared on 2026-03-31 is never signed under the 130 % cap on
 * 2026-04-01; under a rule set other than the decision's, the dated legal limits on loans are checked again
 * (`recheckLegalLimits`). Throws APPLICATION_NOT_FOUND (not theirs), CONTRACT_NOT_FOUND (not approved, or refused
 * now by a legal limit of today, with the reason), QUOTE_INVALID (the offer breaks today's price rules).
 */
export async function prepareContract(
  deps: Deps,
  { borrowerId, applicationId }: { borrowerId: string; applicationId: string },
): Promise<Contract> {
  const application = await getOwnApplication(deps.db, borrowerId, applicationId);
  const contractDate = dateInZone(deps.clock.now(), deps.config.timeZone);
  const existing = await findContractOfApplication(deps.db, application.id);
  if (existing && (existing.signedAt !== null || existing.contractDate === contractDate)) return existing;
  const values = await drawUp(deps, { application, borrowerId, contractDate, number: existing?.number });
  // Two simultaneous requests: the first write wins and both get the same document.
  const written = existing
    ? await reissueContract(deps.db, existing.id, existing.documentSha256, values)
    : await insertContractIfAbsent(deps.db, { ...values, applicationId: application.id, borrowerId });
  return written ?? getContractOfApplication(deps.db, application.id);
}
