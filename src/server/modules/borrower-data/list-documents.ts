import type { DocumentItem, Documents } from '../../../contracts';
import { DOCUMENT_PDF_PATHS } from '../../../contracts';
import { formatRuDate } from '../../../domain/russian';
import { formatRub } from '../../../domain/money';
import { consentDocument } from '../../documents/consent-documents';
import type { Deps } from '../../deps';
import {
  listOwnAddenda,
  listOwnClosedLoans,
  listOwnConsents,
  listOwnContracts,
  listOwnCreditedPayments,
} from './documents-repository';
import { listOwnLetters } from './letters-repository';

const pathOf = (template: string, id: string) => template.replace(':id', id);
const noon = (date: string) => `${date}T09:00:00.000Z`;

/**
 * «Мои документы»: every document of the borrower, newest first — consents (with the version accepted),
 * contracts and addenda (signed: the time, the SMS code's id, the SHA-256; never signed: «не подписан»),
 * receipts of credited payments, repayment certificates of closed loans, letters from specialists — and the loans
 * to filter by (a letter belongs to no loan).
 * Signed documents download as their copy with the signature sheet; the others from their existing endpoints.
 */
export async function listDocuments(deps: Deps, { borrowerId }: { borrowerId: string }): Promise<Documents> {
  const [consents, contracts, addenda, receipts, closed, letters] = await Promise.all([
    listOwnConsents(deps.db, borrowerId),
    listOwnContracts(deps.db, borrowerId),
    listOwnAddenda(deps.db, borrowerId),
    listOwnCreditedPayments(deps.db, borrowerId),
    listOwnClosedLoans(deps.db, borrowerId),
    listOwnLetters(deps.db, borrowerId),
  ]);
  const none = {
    loanId: null,
    contractNumber: null,
    version: null,
    signedAt: null,
    signatureCodeId: null,
    sha256: null,
  };
  const documents: DocumentItem[] = [
    ...consents.map((c): DocumentItem => ({
      ...none,
      key: `consent:${c.id}`,
      kind: 'consent',
      title: consentDocument(c.kind).title,
      at: c.acceptedAt.toISOString(),
      status: 'accepted',
      version: c.version,
      sha256: c.hash,
      pdfUrl: pathOf(DOCUMENT_PDF_PATHS.consent, c.id),
    })),
    ...contracts.map((c): DocumentItem => ({
      ...none,
      key: `contract:${c.id}`,
      kind: 'contract',
      title: `Договор займа № ${c.number} от ${formatRuDate(c.contractDate)}`,
      at: (c.signedAt ?? c.createdAt).toISOString(),
      status: c.signedAt ? 'signed' : 'not_signed',
      loanId: c.loanId,
      contractNumber: c.number,
      signedAt: c.signedAt?.toISOString() ?? null,
      signatureCodeId: c.signature?.codeId ?? null,
      sha256: c.sha256,
      pdfUrl: c.signedAt
        ? pathOf(DOCUMENT_PDF_PATHS.signedContract, c.id)
        : pathOf('/api/me/contracts/:id/pdf', c.id),
    })),
    ...addenda.map((a): DocumentItem => ({
      ...none,
      key: `addendum:${a.id}`,
      kind: 'addendum',
      title: `Дополнительное соглашение № ${a.number} к договору № ${a.contractNumber}`,
      at: (a.signedAt ?? a.createdAt).toISOString(),
      status: a.signedAt ? 'signed' : 'not_signed',
      loanId: a.loanId,
      contractNumber: a.contractNumber,
      signedAt: a.signedAt?.toISOString() ?? null,
      signatureCodeId: a.signature?.codeId ?? null,
      sha256: a.sha256,
      pdfUrl: a.signedAt
        ? pathOf(DOCUMENT_PDF_PATHS.signedAddendum, a.id)
        : pathOf('/api/me/prolongations/:id/pdf', a.id),
    })),
    ...receipts.map((p): DocumentItem => ({
      ...none,
      key: `receipt:${p.id}`,
      kind: 'receipt',
      title: `Квитанция об оплате ${formatRub(p.amount)} по договору № ${p.contractNumber}`,
      at: (p.acceptedAt ?? new Date(noon(p.paymentDate ?? '1970-01-01'))).toISOString(),
      status: 'issued',
      loanId: p.loanId,
      contractNumber: p.contractNumber,
      pdfUrl: pathOf('/api/me/payments/:id/receipt', p.id),
    })),
    ...closed.map((l): DocumentItem => ({
      ...none,
      key: `certificate:${l.id}`,
      kind: 'certificate',
      title: `Справка о погашении задолженности по договору № ${l.contractNumber}`,
      at: noon(l.closedOn ?? '1970-01-01'),
      status: 'issued',
      loanId: l.id,
      contractNumber: l.contractNumber,
      pdfUrl: pathOf('/api/me/loans/:id/certificate', l.id),
    })),
    ...letters.map((l): DocumentItem => ({
      ...none,
      key: `letter:${l.id}`,
      kind: 'letter',
      title: `Письмо специалиста: ${l.subject}`,
      at: l.createdAt.toISOString(),
      status: 'sent',
      pdfUrl: pathOf(DOCUMENT_PDF_PATHS.letter, l.id),
    })),
  ].sort((a, b) => (a.at === b.at ? a.key.localeCompare(b.key) : a.at < b.at ? 1 : -1));
  const loans = contracts
    .filter((c) => c.loanId !== null)
    .map((c) => ({ id: c.loanId as string, contractNumber: c.number }));
  return { documents, loans };
}
