import type { ProlongationView } from '../../../contracts/servicing';
import { formatPhone } from '../../../contracts';
import { formatRuDate } from '../../../domain/russian';
import { renderAddendumPdf } from '../../adapters/documents/servicing-pdf';
import { AppError } from '../../app-error';
import type { Deps, RequestMeta } from '../../deps';
import { registrationAddressLine } from '../borrower-data/registration-address';
import { loadBorrower } from '../identity/borrower-view';
import { issueCode } from '../identity/one-time-codes';
import { prolongedInstalment } from './apply-prolongation';
import { checkProlongation } from './check-prolongation';
import { getContract, getOwnLoan, readBalances } from './loan-repository';
import {
  expireOpenProlongations,
  findUnsignedProlongation,
  insertProlongation,
  nextProlongationSequence,
  type ProlongationRow,
} from './prolongation-repository';
import { prolongationView } from './prolongation-view';

/**
 * Draws up the addendum prolonging the borrower's loan by `days` (PDF; its SHA-256 is what the SMS code will be
 * bound to) and sends the code. An earlier unfinished prolongation of the loan is dropped: only one can be open;
 * asking again on the same terms the same day resends the code for the unsigned addendum instead.
 * Throws LOAN_NOT_FOUND, PROLONGATION_NOT_AVAILABLE (with the reason in words), or the code's limits.
 */
export async function requestProlongation(
  deps: Deps,
  options: { borrowerId: string; loanId: string; days: number; meta: RequestMeta },
): Promise<ProlongationView> {
  const { borrowerId, days, meta } = options;
  const loan = await getOwnLoan(deps.db, options);
  const check = await checkProlongation(deps, { loan, days });
  if (!check.ok) throw new AppError('PROLONGATION_NOT_AVAILABLE', { detail: check.reason });
  const contract = await getContract(deps.db, loan.contractId);
  const borrower = await loadBorrower(deps.db, borrowerId);
  const sendCode = (row: ProlongationRow) =>
    issueCode(deps, {
      purpose: 'signature',
      subjectId: row.id,
      binding: row.documentSha256,
      phone: borrower.phone,
      sendTo: borrower.phone,
      ip: meta.ip,
      message: (code) =>
        `${code} — код для подписания допсоглашения о продлении займа по договору № ${contract.number} до ${formatRuDate(row.newDueDate)}. Никому его не сообщайте.`,
    });
  // «Отправить код ещё раз»: the same terms today reuse the unsigned addendum instead of drawing another.
  const unsigned = await findUnsignedProlongation(deps.db, loan.id);
  if (
    unsigned &&
    unsigned.days === days &&
    unsigned.payNow === check.payNow &&
    unsigned.newDueDate === check.newDueDate
  ) {
    await sendCode(unsigned);
    return prolongationView(unsigned);
  }
  const balances = await readBalances(deps.db, loan.id);
  const k = loan.prolongations + 1;
  const number = `${contract.number}/П${k}-${await nextProlongationSequence(deps.db)}`;
  const principal = balances.principal + balances.principalOverdue;
  const document = await renderAddendumPdf({
    addendumNumber: number,
    contractNumber: contract.number,
    contractDate: contract.contractDate,
    addendumDate: check.today,
    lender: deps.config.lender,
    borrower: {
      fullName: [borrower.surname, borrower.name, borrower.patronymic].filter(Boolean).join(' '),
      birthDate: borrower.birthDate,
      phone: formatPhone(borrower.phone),
      registrationAddress: await registrationAddressLine(deps.db, borrower.id),
    },
    principalOutstanding: principal,
    interestToPay: check.payNow,
    oldDueDate: check.oldDueDate,
    newDueDate: check.newDueDate,
    extendDays: days,
    dailyRateBp: loan.dailyRateBp,
    prolongationNumber: k,
    maxProlongations: loan.maxProlongations,
    newSchedule: [prolongedInstalment(loan, principal, check.today, check.newDueDate)],
  });
  const row = await deps.db.transaction(async (tx) => {
    await expireOpenProlongations(tx, loan.id);
    return insertProlongation(tx, {
      loanId: loan.id,
      borrowerId,
      number,
      days,
      payNow: check.payNow,
      oldDueDate: check.oldDueDate,
      newDueDate: check.newDueDate,
      documentSha256: document.sha256,
      pdf: document.pdf,
      createdAt: deps.clock.now(),
    });
  });
  await sendCode(row);
  return prolongationView(row);
}
