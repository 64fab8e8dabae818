import { formatRub } from '../../../domain/money';
import type { Deps, RequestMeta } from '../../deps';
import { loadBorrower } from '../identity/borrower-view';
import { issueCode } from '../identity/one-time-codes';
import { prepareContract } from './prepare-contract';

/** Sends the SMS code that signs this contract, and only this version of it (the code is bound to its hash). */
export async function requestSignatureCode(
  deps: Deps,
  { borrowerId, applicationId, meta }: { borrowerId: string; applicationId: string; meta: RequestMeta },
) {
  const contract = await prepareContract(deps, { borrowerId, applicationId });
  const borrower = await loadBorrower(deps.db, borrowerId);
  const amount = formatRub(contract.terms.amount);
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
