import type { ProlongationView } from '../../../contracts/servicing';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { audit } from '../audit/audit';
import { loadBorrower } from '../identity/borrower-view';
import { verifyCode } from '../identity/one-time-codes';
import { applyProlongation } from './apply-prolongation';
import { getLoanById, getOwnLoan } from './loan-repository';
import { getLoanProlongation, getProlongation, markProlongationSigned } from './prolongation-repository';
import { prolongationView } from './prolongation-view';

/**
 * Signs the borrower's addendum with the SMS code bound to its hash: it then awaits the payment of the interest
 * (or, with nothing to pay, is in force at once). The signature (phone, IP, code, hash) and the audit record are
 * written in one transaction. Throws LOAN_NOT_FOUND, PROLONGATION_NOT_FOUND (also when not awaiting signature),
 * or the code's errors (CODE_INVALID, CODE_EXPIRED, TOO_MANY_ATTEMPTS).
 */
export async function signProlongation(
  deps: Deps,
  options: { borrowerId: string; loanId: string; prolongationId: string; code: string; meta: RequestMeta },
): Promise<ProlongationView> {
  const { borrowerId, meta } = options;
  const loan = await getOwnLoan(deps.db, options);
  const row = await getLoanProlongation(deps.db, { loanId: loan.id, prolongationId: options.prolongationId });
  if (row.status !== 'awaiting_signature') throw new AppError('PROLONGATION_NOT_FOUND');
  const { codeId } = await verifyCode(deps, {
    subjectId: row.id,
    code: options.code,
    binding: row.documentSha256,
  });
  const borrower = await loadBorrower(deps.db, borrowerId);
  const signed = await deps.db.transaction(async (tx) => {
    const updated = await markProlongationSigned(tx, {
      prolongationId: row.id,
      signedAt: deps.clock.now(),
      signature: { phone: borrower.phone, ip: meta.ip, codeId, sha256: row.documentSha256 },
    });
    if (!updated) throw new AppError('PROLONGATION_NOT_FOUND');
    await audit(tx, {
      actor: { kind: 'borrower', borrowerId },
      meta,
      action: 'prolongation.signed',
      subjectId: row.id,
      details: { sha256: row.documentSha256, number: row.number },
    });
    // Nothing to pay (a 0 % loan): in force at once.
    if (updated.payNow === 0n) {
      const locked = await getLoanById(tx, loan.id, true);
      await applyProlongation(deps, { tx, prolongationId: row.id, loan: locked });
    }
    return getProlongation(tx, row.id);
  });
  return prolongationView(signed);
}
