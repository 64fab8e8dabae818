import { formatPhone } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { formatRuDate } from '../../../domain/russian';
import { renderContractPdf } from '../../adapters/documents/contract-pdf';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { loadBorrower, openPassport } from '../identity/borrower-view';
import { getOwnApplication } from './application-repository';
import {
  findContractOfApplication,
  getContractOfApplication,
  insertContractIfAbsent,
  nextContractSeq,
  type Contract,
} from './contract-repository';
import { isFirstLoan } from './first-loan';
import { getActiveProduct } from './product-repository';
import { priceLoan } from './quote-loan';
import type { StoredPayoutMethod } from './payout-method';
import { payoutMethodLabel } from './views';

const PENALTY_TEXT =
  '20 % годовых на сумму просроченного основного долга за каждый день просрочки, пока на неё начисляются проценты; после прекращения начисления процентов — 0,1 % в день';

/**
 * The individual terms of an approved application, as a PDF with its SHA-256: generated once, on the date the
 * borrower asks to sign, with the rules in force that day. Later calls return the same document, so the hash a
 * code is bound to never moves under the borrower. Throws APPLICATION_NOT_FOUND (not theirs), CONTRACT_NOT_FOUND
 * (not approved).
 */
export async function prepareContract(
  deps: Deps,
  { borrowerId, applicationId }: { borrowerId: string; applicationId: string },
): Promise<Contract> {
  const application = await getOwnApplication(deps.db, borrowerId, applicationId);
  const existing = await findContractOfApplication(deps.db, application.id);
  if (existing) return existing;
  if (application.status !== 'approved' || application.offerAmount === null || application.offerTerm === null)
    throw new AppError('CONTRACT_NOT_FOUND', {
      detail: 'Договор можно подписать только по одобренной заявке',
    });

  const product = await getActiveProduct(deps.db, application.productId);
  const firstLoan = await isFirstLoan(deps, { borrowerId });
  const offer = priceLoan(deps, {
    product,
    amount: application.offerAmount,
    term: application.offerTerm,
    firstLoan,
  });
  const borrower = await loadBorrower(deps.db, borrowerId);
  const passport = openPassport(deps.cipher, borrower.passportEncrypted);
  const contractDate = dateInZone(deps.clock.now(), deps.config.timeZone);
  const seq = await nextContractSeq(deps.db);
  const number = `З-${contractDate.slice(0, 4)}-${seq.padStart(6, '0')}`;
  const document = await renderContractPdf({
    contractNumber: number,
    contractDate,
    lender: deps.config.lender,
    borrower: {
      fullName: [borrower.surname, borrower.name, borrower.patronymic].filter(Boolean).join(' '),
      birthDate: borrower.birthDate,
      passport: `${passport.series.slice(0, 2)} ${passport.series.slice(2)} ${passport.number}, выдан ${borrower.passportIssuedBy} ${formatRuDate(borrower.passportIssueDate)}, код подразделения ${borrower.passportDivisionCode}`,
      phone: formatPhone(borrower.phone),
    },
    product: { name: product.name, kind: product.kind },
    quote: offer,
    principal: offer.amount,
    dailyRateBp: offer.dailyRateBp,
    payoutMethod: payoutMethodLabel(application.payoutMethod as StoredPayoutMethod),
    penaltyText: PENALTY_TEXT,
  });
  const created = await insertContractIfAbsent(deps.db, {
    applicationId: application.id,
    borrowerId,
    number,
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
    },
  });
  // Two simultaneous requests: the first insert wins and both get the same document.
  return created ?? getContractOfApplication(deps.db, application.id);
}
