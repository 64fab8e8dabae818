import { and, eq } from 'drizzle-orm';
import {
  renderPaymentReceiptPdf,
  renderRepaymentCertificatePdf,
} from '../../adapters/documents/servicing-pdf';
import { borrowers } from '../../adapters/db/schema';
import { contracts, loans } from '../../adapters/db/schema-loans';
import { payments, prolongations } from '../../adapters/db/schema-servicing';
import type { Deps } from '../../deps';
import { ALLOCATION_LABELS } from '../../../domain/labels';

/** A document a borrower downloads. */
export type PdfDocument = { pdf: Buffer; filename: string; sha256?: string };

const fullName = (b: { surname: string; name: string; patronymic: string | null }) =>
  [b.surname, b.name, b.patronymic].filter(Boolean).join(' ');

/** The signed (or to-be-signed) addendum, stored as drawn up: its hash is what the code was bound to. */
export async function addendumPdf(deps: Deps, borrowerId: string, id: string): Promise<PdfDocument | null> {
  const [row] = await deps.db
    .select()
    .from(prolongations)
    .where(and(eq(prolongations.id, id), eq(prolongations.borrowerId, borrowerId)));
  return row ? { pdf: row.pdf, filename: `addendum-${row.number}.pdf`, sha256: row.documentSha256 } : null;
}

/** «Справка о погашении»: only for a closed loan; drawn from the ledger's payments, the same bytes every time. */
export async function repaymentCertificatePdf(
  deps: Deps,
  borrowerId: string,
  loanId: string,
): Promise<PdfDocument | null> {
  const [row] = await deps.db
    .select({ loan: loans, contract: contracts, borrower: borrowers })
    .from(loans)
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(and(eq(loans.id, loanId), eq(loans.borrowerId, borrowerId)));
  if (!row || row.loan.status !== 'closed' || !row.loan.closedOn || !row.loan.disbursedOn) return null;
  const credited = await deps.db
    .select()
    .from(payments)
    .where(and(eq(payments.loanId, loanId), eq(payments.status, 'succeeded')));
  const part = (...buckets: string[]) =>
    credited.reduce((sum, p) => sum + buckets.reduce((s, b) => s + BigInt(p.allocation?.[b] ?? '0'), 0n), 0n);
  const document = await renderRepaymentCertificatePdf({
    certificateNumber: `${row.contract.number}/С`,
    issuedOn: row.loan.closedOn,
    lender: deps.config.lender,
    borrower: { fullName: fullName(row.borrower), birthDate: row.borrower.birthDate },
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

export async function paymentReceiptPdf(
  deps: Deps,
  borrowerId: string,
  paymentId: string,
): Promise<PdfDocument | null> {
  const [row] = await deps.db
    .select({ payment: payments, contract: contracts, borrower: borrowers })
    .from(payments)
    .innerJoin(loans, eq(loans.id, payments.loanId))
    .innerJoin(contracts, eq(contracts.id, loans.contractId))
    .innerJoin(borrowers, eq(borrowers.id, payments.borrowerId))
    .where(and(eq(payments.id, paymentId), eq(payments.borrowerId, borrowerId)));
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
