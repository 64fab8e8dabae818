import { dateInZone, type IsoDate } from '../../../domain/calendar';
import { payoutNotBefore } from '../../../domain/cooling-off';
import { accrualCap } from '../../../domain/interest';
import { ruleSetOn } from '../../../domain/legal-rules';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { loadBorrower } from '../identity/borrower-view';
import { verifyCode } from '../identity/one-time-codes';
import { notifyBorrower } from '../messaging/notify-borrower';
import { addApplicationEvents, getOwnApplication, setApplicationStatus } from './application-repository';
import { findContractOfApplication, markContractSigned, type Contract } from './contract-repository';
import { getApplication } from './get-application';
import { insertLoan } from './loan-repository';
import { schedulePayout } from './process-payouts';
import { prepareContract } from './prepare-contract';
import { getActiveProduct, type ProductRow } from './product-repository';
import type { StoredPayoutMethod } from './payout-method';
import { useOffer } from '../engagement/use-offer';

/** The terms the nightly close needs as columns: rate, cap and penalty by the rule set of the signing date. */
function servicingTerms(deps: Deps, product: ProductRow, contract: Contract, signingDate: IsoDate) {
  const ruleSet = ruleSetOn(signingDate);
  // prepareContract priced the document with the rules of its date, which is the signing date (checked).
  if (ruleSet.id !== contract.terms.ruleSetId)
    throw new Error(
      `contract ${contract.id}: rule set ${contract.terms.ruleSetId}, signed under ${ruleSet.id}`,
    );
  return {
    kind: product.kind,
    dailyRateBp: contract.terms.dailyRateBp,
    accrualCap: accrualCap(contract.terms.amount, ruleSet),
    penaltyPercentYear: ruleSet.maxPenaltyPercentPerYearWithInterest,
    penaltyBpDay: ruleSet.maxPenaltyDailyBpWithoutInterest,
    // The law's maximum, or fewer if the lender's setting says so.
    maxProlongations: Math.min(ruleSet.maxProlongations, deps.config.servicing.maxProlongations),
    prolongationWhenOverdue: product.prolongationWhenOverdue,
    productName: product.name,
    regularDailyRateBp: product.dailyRateBp,
  };
}

/**
 * Signs the contract with the SMS code bound to its hash. In one transaction: the signature (phone, IP, time,
 * hash), the loan, and the payout order with its cooling-off date — so a payout is never lost nor created twice.
 * The signing date decides the rules: a document dated another day (prepared before midnight, or before a new
 * rule set came into force) is drawn up again for today and the signature is refused with CONTRACT_REISSUED;
 * the borrower reads the new version and asks for a new code.
 * Throws APPLICATION_NOT_FOUND, CONTRACT_NOT_FOUND (none, not approved, or already signed), CONTRACT_REISSUED,
 * or a code error.
 */
export async function signContract(
  deps: Deps,
  {
    borrowerId,
    applicationId,
    code,
    meta,
  }: { borrowerId: string; applicationId: string; code: string; meta: RequestMeta },
) {
  const application = await getOwnApplication(deps.db, borrowerId, applicationId);
  const contract = await findContractOfApplication(deps.db, application.id);
  if (!contract || application.status !== 'approved') throw new AppError('CONTRACT_NOT_FOUND');
  const now = deps.clock.now();
  const signingDate = dateInZone(now, deps.config.timeZone);
  if (contract.contractDate !== signingDate) {
    await prepareContract(deps, { borrowerId, applicationId: application.id });
    throw new AppError('CONTRACT_REISSUED');
  }
  const { codeId } = await verifyCode(deps, {
    subjectId: contract.id,
    code,
    binding: contract.documentSha256,
  });
  const borrower = await loadBorrower(deps.db, borrowerId);
  const principal = contract.terms.amount;
  const product = await getActiveProduct(deps.db, application.productId, signingDate);

  const sendNow = await deps.db.transaction(async (tx) => {
    const signature = { phone: borrower.phone, ip: meta.ip, codeId, sha256: contract.documentSha256 };
    if (!(await markContractSigned(tx, contract.id, signature, now)))
      throw new AppError('CONTRACT_NOT_FOUND', { detail: 'Договор уже подписан' });
    if (contract.terms.offerId)
      await useOffer(tx, { offerId: contract.terms.offerId, borrowerId, contractId: contract.id, at: now });
    await setApplicationStatus(tx, application.id, 'signed');
    await addApplicationEvents(tx, [{ applicationId: application.id, status: 'signed', at: now }]);
    const loanId = await insertLoan(tx, {
      contractId: contract.id,
      applicationId: application.id,
      borrowerId,
      status: 'awaiting_payout',
      principal,
      pskPercent: contract.terms.pskPercent,
      createdAt: now,
      ...servicingTerms(deps, product, contract, signingDate),
    });
    await schedulePayout(tx, {
      loanId,
      amount: principal,
      destination: application.payoutMethod as StoredPayoutMethod,
      status: 'scheduled',
      notBefore: payoutNotBefore(principal, now, signingDate),
      createdAt: now,
    });
    await audit(tx, {
      meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'loan.contract-signed',
      subjectId: contract.id,
      details: { sha256: contract.documentSha256, number: contract.number },
    });
    return notifyBorrower(deps, tx, {
      borrowerId,
      kind: 'contract-signed',
      text: `Договор № ${contract.number} подписан. Деньги придут способом, который вы выбрали.`,
    });
  });
  await sendNow();
  return getApplication(deps, { borrowerId, applicationId: application.id });
}
