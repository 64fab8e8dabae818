import { and, eq, isNull } from 'drizzle-orm';
import { payoutNotBefore } from '../../../domain/cooling-off';
import { accrualCap } from '../../../domain/interest';
import { ruleSetOn } from '../../../domain/legal-rules';
import {
  applicationEvents,
  contracts,
  loanApplications,
  loans,
  payouts,
} from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';
import { audit } from '../audit/audit';
import { getApplication, type StoredPayoutMethod } from './application-view';
import { loadBorrower } from '../identity/borrower-view';
import type { Deps, RequestMeta } from '../../deps';
import { findProduct } from './loan-products';
import { notifyBorrower } from '../messaging/notify-borrower';
import { verifyCode } from '../identity/one-time-codes';
import { findOwnApplication } from './prepare-contract';

/** The terms the nightly close needs as columns: rate, cap and penalty by the rule set of the contract date. */
function servicingTerms(
  deps: Deps,
  product: { kind: 'payday' | 'instalment'; prolongationWhenOverdue: boolean },
  principal: bigint,
  contractDate: string,
  terms: Record<string, unknown>,
) {
  const ruleSet = ruleSetOn(contractDate);
  return {
    kind: product.kind,
    dailyRateBp: Number(terms.dailyRateBp),
    accrualCap: accrualCap(principal, ruleSet),
    penaltyPercentYear: ruleSet.maxPenaltyPercentPerYearWithInterest,
    penaltyBpDay: ruleSet.maxPenaltyDailyBpWithoutInterest,
    // The law's maximum, or fewer if the lender's setting says so.
    maxProlongations: Math.min(ruleSet.maxProlongations, deps.config.servicing.maxProlongations),
    prolongationWhenOverdue: product.prolongationWhenOverdue,
  };
}

/**
 * Signs the contract with the SMS code bound to its hash. In one transaction: the signature (phone, IP, time,
 * hash), the loan, and the payout order with its cooling-off date — so a payout is never lost nor created twice.
 */
export async function signContract(
  deps: Deps,
  borrowerId: string,
  applicationId: string,
  code: string,
  meta: RequestMeta,
) {
  const application = await findOwnApplication(deps, borrowerId, applicationId);
  const [contract] = await deps.db
    .select()
    .from(contracts)
    .where(eq(contracts.applicationId, application.id));
  if (!contract || application.status !== 'approved') throw new AppError('CONTRACT_NOT_FOUND');
  const { codeId } = await verifyCode(deps, {
    subjectId: contract.id,
    code,
    binding: contract.documentSha256,
  });
  const borrower = await loadBorrower(deps.db, borrowerId);
  const now = deps.clock.now();
  const principal = BigInt((contract.terms as { amount: string }).amount);
  const product = await findProduct(deps.db, application.productId);

  await deps.db.transaction(async (tx) => {
    const signed = await tx
      .update(contracts)
      .set({
        signedAt: now,
        signature: { phone: borrower.phone, ip: meta.ip, codeId, sha256: contract.documentSha256 },
      })
      .where(and(eq(contracts.id, contract.id), isNull(contracts.signedAt)))
      .returning({ id: contracts.id });
    if (signed.length === 0) throw new AppError('CONTRACT_NOT_FOUND', { detail: 'Договор уже подписан' });
    await tx
      .update(loanApplications)
      .set({ status: 'signed' })
      .where(eq(loanApplications.id, application.id));
    await tx.insert(applicationEvents).values({ applicationId: application.id, status: 'signed', at: now });
    const [loan] = await tx
      .insert(loans)
      .values({
        contractId: contract.id,
        applicationId: application.id,
        borrowerId,
        status: 'awaiting_payout',
        principal,
        pskPercent: (contract.terms as { pskPercent: string }).pskPercent,
        createdAt: now,
        ...servicingTerms(deps, product, principal, contract.contractDate, contract.terms),
      })
      .returning({ id: loans.id });
    await tx.insert(payouts).values({
      loanId: loan!.id,
      amount: principal,
      destination: application.payoutMethod as StoredPayoutMethod,
      status: 'scheduled',
      notBefore: payoutNotBefore(principal, now, contract.contractDate),
      createdAt: now,
    });
    await audit(tx, {
      meta,
      actor: { kind: 'borrower', borrowerId },
      action: 'loan.contract-signed',
      subjectId: contract.id,
      details: { sha256: contract.documentSha256, number: contract.number },
    });
  });
  await notifyBorrower(
    deps,
    borrower.phone,
    'contract-signed',
    `Договор № ${contract.number} подписан. Деньги придут способом, который вы выбрали.`,
  );
  return getApplication(deps.db, borrowerId, application.id);
}
