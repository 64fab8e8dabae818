import { maskPhone } from '../../../contracts';
import { dateInZone } from '../../../domain/calendar';
import { formatRuDate } from '../../../domain/russian';
import { renderConsentPdf } from '../../adapters/documents/consent-pdf';
import { renderLetterPdf } from '../../adapters/documents/letter-pdf';
import { stampSignedCopy } from '../../adapters/documents/signature-stamp';
import type { Deps } from '../../deps';
import { consentDocument } from '../../documents/consent-documents';
import { loadBorrower } from '../identity/borrower-view';
import { getContractPdf } from '../lending/get-contract-pdf';
import { addendumPdf, type PdfDocument } from '../servicing/servicing-documents';
import { findOwnAddendumSignature, findOwnConsent, findOwnContractSignature } from './documents-repository';
import { findOwnLetter } from './letters-repository';

const fullName = (b: { surname: string; name: string; patronymic: string | null }) =>
  [b.surname, b.name, b.patronymic].filter(Boolean).join(' ');

/** The signed file with a signature sheet naming the signer, the code's record and the file's SHA-256 (АСП, 63-FZ art. 9). */
async function stampForBorrower(
  deps: Deps,
  borrowerId: string,
  original: { pdf: Buffer; sha256: string },
  signed: { title: string; signedAt: Date; signature: { phone: string; codeId: string; ip: string } },
) {
  const borrower = await loadBorrower(deps.db, borrowerId);
  return stampSignedCopy(original.pdf, {
    documentTitle: signed.title,
    signerName: fullName(borrower),
    signerPhone: maskPhone(signed.signature.phone),
    signedAt: signed.signedAt,
    timeZone: deps.config.timeZone,
    codeId: signed.signature.codeId,
    ip: signed.signature.ip,
    sha256: original.sha256,
    lender: deps.config.lender,
  });
}

/**
 * A signed contract's copy for the borrower: the signed file's pages unchanged (the bytes whose SHA-256 the code
 * was bound to: `GET /api/me/contracts/:id/pdf` gives exactly them) and a signature sheet after them naming that
 * SHA-256. Null when the contract is not the borrower's or not signed. The copy's own SHA-256 is returned too (it
 * differs from the signed file's by construction).
 */
export async function signedContractCopy(
  deps: Deps,
  { borrowerId, contractId }: { borrowerId: string; contractId: string },
): Promise<PdfDocument | null> {
  const record = await findOwnContractSignature(deps.db, borrowerId, contractId);
  if (!record?.signedAt || !record.signature) return null;
  const original = await getContractPdf(deps, { borrowerId, contractId });
  const copy = await stampForBorrower(deps, borrowerId, original, {
    title: `Индивидуальные условия договора потребительского займа № ${record.number} от ${formatRuDate(record.contractDate)}`,
    signature: record.signature,
    signedAt: record.signedAt,
  });
  return { pdf: copy.pdf, filename: `contract-${record.number}-signed.pdf` };
}

/** A signed addendum's copy with its signature sheet, like `signedContractCopy`; null when not theirs or unsigned. */
export async function signedAddendumCopy(
  deps: Deps,
  { borrowerId, prolongationId }: { borrowerId: string; prolongationId: string },
): Promise<PdfDocument | null> {
  const record = await findOwnAddendumSignature(deps.db, borrowerId, prolongationId);
  if (!record?.signedAt || !record.signature) return null;
  const original = await addendumPdf(deps, { borrowerId, prolongationId });
  if (!original?.sha256) return null;
  const copy = await stampForBorrower(
    deps,
    borrowerId,
    { pdf: original.pdf, sha256: original.sha256 },
    {
      title: `Дополнительное соглашение № ${record.number} к договору № ${record.contractNumber}`,
      signature: record.signature,
      signedAt: record.signedAt,
    },
  );
  return { pdf: copy.pdf, filename: `addendum-${record.number}-signed.pdf` };
}

/**
 * A copy of a consent the borrower accepted: the text when the version accepted is the one in force (else a note
 * that the lender keeps that version's text), with the acceptance record. Null when not the borrower's.
 */
export async function consentCopy(
  deps: Deps,
  { borrowerId, consentId }: { borrowerId: string; consentId: string },
): Promise<PdfDocument | null> {
  const consent = await findOwnConsent(deps.db, borrowerId, consentId);
  if (!consent) return null;
  const current = consentDocument(consent.kind);
  const same = current.version === consent.documentVersion && current.hash === consent.documentHash;
  const borrower = await loadBorrower(deps.db, borrowerId);
  const pdf = await renderConsentPdf({
    title: current.title,
    text: same
      ? current.text
      : `Текст версии ${consent.documentVersion} хранится у кредитора и предоставляется по запросу.`,
    version: consent.documentVersion,
    textSha256: consent.documentHash,
    borrowerName: fullName(borrower),
    acceptedAt: consent.acceptedAt,
    ip: consent.ip,
    timeZone: deps.config.timeZone,
    lender: deps.config.lender,
  });
  return { pdf, filename: `consent-${consent.kind}-${consent.documentVersion}.pdf` };
}

/**
 * A letter from a specialist as PDF (the lender's letterhead, the date, subject, text and who wrote it), rendered
 * from the stored row. Null when the letter is not the borrower's (the route answers 404 NOT_FOUND).
 */
export async function letterPdf(
  deps: Deps,
  { borrowerId, letterId }: { borrowerId: string; letterId: string },
): Promise<PdfDocument | null> {
  const letter = await findOwnLetter(deps.db, borrowerId, letterId);
  if (!letter) return null;
  const borrower = await loadBorrower(deps.db, borrowerId);
  const sentOn = dateInZone(letter.createdAt, deps.config.timeZone);
  const pdf = await renderLetterPdf({
    subject: letter.subject,
    text: letter.body,
    borrowerName: fullName(borrower),
    staffName: letter.staffName ?? 'Специалист',
    sentAt: letter.createdAt,
    sentOn,
    timeZone: deps.config.timeZone,
    lender: deps.config.lender,
  });
  return { pdf, filename: `letter-${sentOn}.pdf` };
}
