import { formatRub } from '../../../domain/money';
import { loadBorrower } from '../identity/borrower-view';
import type { Deps, RequestMeta } from '../../deps';
import { issueCode } from '../identity/one-time-codes';
import { prepareContract } from './prepare-contract';

/** Sends the SMS code that signs this contract, and only this version of it (the code is bound to its hash). */
export async function requestSignatureCode(
  deps: Deps,
  borrowerId: string,
  applicationId: string,
  meta: RequestMeta,
) {
  const contract = await prepareContract(deps, borrowerId, applicationId);
  const borrower = await loadBorrower(deps.db, borrowerId);
  const amount = formatRub(BigInt((contract.terms as { amount: string }).amount));
  return issueCode(deps, {
    purpose: 'signature',
    subjectId: contract.id,
    binding: contract.documentSha256,
    phone: borrower.phone,
    sendTo: borrower.phone,
    ip: meta.ip,
    message: (code) =>
      `${code} — код для подписания договора займа № ${contract.number} на ${amount}. Никому его не сообщайте.`,
  });
}
