import {
  renderPaymentReceiptPdf,
  renderRepaymentCertificatePdf,
} from '../../adapters/documents/servicing-pdf';
import type { Deps } from '../../deps';
import { ALLOCATION_LABELS } from '../../../domain/labels';
import {
  findOwnLoanWithContract,
  findOwnPaymentWithContract,
  listSucceededPayments,
} from './documents-repository';
import { findOwnProlongation, findProlongationPdf } from './prolongation-repository';
import { registrationAddressLine } from '../borrower-data/registration-address';

/** A document a borrower downloads. */
export type PdfDocument = { pdf: Buffer; filename: string; sha256?: string };

const fullName = (b: { surname: string; name: string; patronymic: string | null }) =>
  [b.surname, b.name, b.patronymic].filter(Boolean).join(' ');

/**
 * The signed (or to-be-signed) addendum, stored as drawn up: its hash is what the code was bound to. Null when
 * the borrower has no prolongation with that id.
 */
export async function addendumPdf(
  deps: Deps,
  options: { borrowerId: string; prolongationId: string },
): Promise<PdfDocument | null> {
  const row = await findOwnProlongation(deps.db, options);
  const pdf = row && (await findProlongationPdf(deps.db, row.id));
  return row && pdf ? { pdf, filename: `addendum-${row.number}.pdf`, sha256: row.documentSha256 } : null;
}

/**
 * «Справка о погашении»: only for a closed loan; drawn from the ledger's payments, the same bytes every time.
 * Null when the borrower has no such loan or it is not closed.
 */
export async function repaymentCertificatePdf(
  deps: Deps,
  options: { borrowerId: string; loanId: string },
): Promise<PdfDocument | null> {
  const row = await findOwnLoanWithContract(deps.db, options);
  if (!row || row.loan.status !== 'closed' || !row.loan.closedOn || !row.loan.disbursedOn) return null;
  const credited = await listSucceededPayments(deps.db, options.loanId);
  const part = (...buckets: string[]) =>
    credited.reduce((sum, p) => sum + buckets.reduce((s, b) => s + BigInt(p.allocation?.[b] ?? '0'), 0n), 0n);
  const document = await renderRepaymentCertificatePdf({
    certificateNumber: `${row.contract.number}/С`,
    issuedOn: row.loan.closedOn,
    lender: deps.config.lender,
    borrower: {
      fullName: fullName(row.borrower),
      birthDate: row.borrower.birthDate,
      registrationAddress: await registrationAddressLine(deps.db, options.borrowerId),
    },
    contractNumber: row.contract.number,
    contractDate: row.contract.contractDate,
    principal: row.loan.principal,
    disbursedOn: row.loan.disbursedOn,
    closedOn: row.loan.closedOn,
    totalPaid: credited.reduce((s, p) => s + p.amount, 0n),
    paidPrincipal: part('currentPrincipal', 'overduePrincipal'),
    paidInterest: part('currentInterest', 'overdueInterest'),
    paidPenalty: part('penalty'),
  });
  return { pdf: document.pdf, filename: `certificate-${row.contract.number}.pdf`, sha256: document.sha256 };
}

/** The receipt of a credited payment of the borrower; null when there is none (or not credited yet). */
export async function paymentReceiptPdf(
  deps: Deps,
  options: { borrowerId: string; paymentId: string },
): Promise<PdfDocument | null> {
  const row = await findOwnPaymentWithContract(deps.db, options);
  const p = row?.payment;
  if (!row || !p || p.status !== 'succeeded' || !p.acceptedAt || !p.paymentDate || !p.providerPaymentId)
    return null;
  const document = await renderPaymentReceiptPdf({
    receiptNumber: p.id.slice(0, 8).toUpperCase(),
    paymentDate: p.paymentDate,
    acceptedAt: p.acceptedAt,
    lender: deps.config.lender,
    payerName: fullName(row.borrower),
    contractNumber: row.contract.number,
    amount: p.amount,
    method: p.method,
    providerPaymentId: p.providerPaymentId,
    allocation: Object.entries(p.allocation ?? {})
      .filter(([, v]) => v !== '0')
      .map(([k, v]) => ({
        label: ALLOCATION_LABELS[k as keyof typeof ALLOCATION_LABELS] ?? k,
        amount: BigInt(v),
      })),
  });
  return { pdf: document.pdf, filename: `receipt-${p.id.slice(0, 8)}.pdf`, sha256: document.sha256 };
}
