import { createHash } from 'node:crypto';
import type * as PdfLib from 'pdf-lib';
import { formatRuDate } from '../../../domain/russian';
import type { Layout } from './pdf-kit';
import { CONTENT_W, drawFooters, openDocument, type LenderDetails } from './pdf-kit';

/** Increments when the sheet's layout changes (the sheet is never hashed: it is drawn anew for every copy). */
export const SIGNATURE_SHEET_VERSION = 'signature-sheet/1';

/** An instant as Moscow-time text: «24.11.2026 12:05:31 (МСК)». */
export function moscowTime(at: Date, timeZone = 'Europe/Moscow'): string {
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const zone = timeZone === 'Europe/Moscow' ? 'МСК' : timeZone;
  return `${get('day')}.${get('month')}.${get('year')} ${get('hour')}:${get('minute')}:${get('second')} (${zone})`;
}

/** What the signature block says about one signed document. */
export type SignatureFacts = {
  /** «Индивидуальные условия договора потребительского займа № З-2026-000001 от 24.11.2026». */
  documentTitle: string;
  signerName: string;
  /** Masked: «+7 (900) ***-**-67». */
  signerPhone: string;
  signedAt: Date;
  timeZone: string;
  /** The id of the one-time SMS code that signed (our record of the code, never the code). */
  codeId: string;
  ip: string;
  /** SHA-256 (hex) of the document's bytes as signed — the file this copy's first pages are. */
  sha256: string;
  /** Pages of the signed document in this copy (the sheet follows them). */
  documentPages: number;
  lender: LenderDetails;
};

/**
 * «Лист подписания»: the signature block of a document signed with a simple electronic signature (63-FZ art. 2,
 * art. 6 pt 2 and art. 9: a one-time SMS code under the agreement on its use) — who signed, when, the code's id,
 * the address, and the SHA-256 of the signed bytes, with a note that the hash covers the document's own pages and
 * not this sheet. Its date is the signing date (reproducible bytes for the same facts).
 */
export async function renderSignatureSheet(facts: SignatureFacts): Promise<Buffer> {
  const { doc, layout, finish } = await openDocument({
    title: `Лист подписания: ${facts.documentTitle}`,
    author: facts.lender.name,
    subject: 'Сведения о подписании простой электронной подписью',
    creator: `Шаблон листа подписания ${SIGNATURE_SHEET_VERSION}`,
    date: facts.signedAt.toISOString().slice(0, 10),
    templateVersion: SIGNATURE_SHEET_VERSION,
  });
  drawBlock(layout, facts);
  drawFooters(doc, `${facts.lender.name} · лист подписания`);
  return (await finish()).pdf;
}

function drawBlock(layout: Layout, f: SignatureFacts) {
  layout.paragraph('ЛИСТ ПОДПИСАНИЯ ЭЛЕКТРОННОГО ДОКУМЕНТА', {
    bold: true,
    size: 12,
    align: 'center',
    gapAfter: 4,
  });
  layout.paragraph('Документ подписан простой электронной подписью', {
    size: 9,
    align: 'center',
    gapAfter: 12,
  });
  layout.fields(
    [
      ['Документ:', f.documentTitle],
      ['Подписант:', f.signerName],
      ['Телефон подписанта:', f.signerPhone],
      ['Дата и время подписания:', moscowTime(f.signedAt, f.timeZone)],
      ['Идентификатор кода из СМС:', f.codeId],
      ['IP-адрес:', f.ip],
      ['SHA-256 документа:', f.sha256],
    ],
    140,
    9,
  );
  layout.y += 8;
  layout.paragraph(
    `Документ подписан заёмщиком простой электронной подписью — одноразовым кодом, направленным в СМС на его ` +
      `номер телефона, в соответствии с соглашением об использовании простой электронной подписи (ст. 2, ч. 2 ` +
      `ст. 6 и ст. 9 Федерального закона от 06.04.2011 № 63-ФЗ «Об электронной подписи»). Код был привязан к ` +
      `контрольной сумме документа: кодом нельзя подписать другой документ.`,
    { size: 8.5, width: CONTENT_W, gapAfter: 6 },
  );
  layout.paragraph(
    `Контрольная сумма SHA-256 вычислена по файлу документа в том виде, в каком он был подписан; в этой копии ` +
      `это страницы 1–${f.documentPages}. Лист подписания добавлен к копии после подписания и в контрольную сумму ` +
      `не входит. Исходный файл можно скачать в личном кабинете и проверить его SHA-256 (например, командой ` +
      `«sha256sum»). Дата документа и подписи: ${formatRuDate(f.signedAt.toISOString().slice(0, 10))}.`,
    { size: 8.5, width: CONTENT_W },
  );
}

let pdfLib: Promise<typeof PdfLib> | undefined;

/**
 * A copy of a signed document for the borrower: the signed file's pages unchanged, then the signature sheet.
 * The copy's own SHA-256 differs from the signed file's; the sheet names the latter.
 */
export async function stampSignedCopy(signed: Buffer, facts: Omit<SignatureFacts, 'documentPages'>) {
  // pdf-lib is loaded on the first stamped copy: importing it costs most of a second of every start-up.
  const { PDFDocument } = await (pdfLib ??= import('pdf-lib'));
  const original = await PDFDocument.load(signed, { updateMetadata: false });
  const sheet = await PDFDocument.load(
    await renderSignatureSheet({ ...facts, documentPages: original.getPageCount() }),
    { updateMetadata: false },
  );
  const pages = await original.copyPages(sheet, sheet.getPageIndices());
  for (const page of pages) original.addPage(page);
  const pdf = Buffer.from(await original.save({ useObjectStreams: false }));
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}
