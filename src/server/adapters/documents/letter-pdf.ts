import { drawFooters, openDocument, type LenderDetails } from './pdf-kit';
import { moscowTime } from './signature-stamp';

/** Bump when the layout or the wording changes. */
export const LETTER_PDF_VERSION = 'letter/1';

/**
 * A letter from a specialist to the borrower on the lender's letterhead: the lender's details, the addressee, the
 * date and time (in the lender's time zone), the subject and the text (paragraphs split by blank lines), and who
 * wrote it. Deterministic: the PDF's dates come from the letter's date, so the same letter gives the same bytes.
 */
export async function renderLetterPdf(input: {
  subject: string;
  text: string;
  borrowerName: string;
  staffName: string;
  sentAt: Date;
  /** 'YYYY-MM-DD' of `sentAt` in the lender's time zone. */
  sentOn: string;
  timeZone: string;
  lender: LenderDetails;
}): Promise<Buffer> {
  const { doc, layout, finish } = await openDocument({
    title: input.subject,
    author: input.lender.name,
    subject: `Письмо клиенту: ${input.subject}`,
    creator: `Шаблон письма ${LETTER_PDF_VERSION}`,
    date: input.sentOn,
    templateVersion: LETTER_PDF_VERSION,
  });
  const l = input.lender;
  layout.paragraph(l.name, { bold: true, size: 10, gapAfter: 1 });
  layout.paragraph(
    `ОГРН ${l.ogrn} · ИНН ${l.inn} · № в реестре МФО ${l.registryNumber}\n${l.address}\n${l.phone} · ${l.website}`,
    { size: 8, gapAfter: 14 },
  );
  layout.fields(
    [
      ['Кому:', input.borrowerName],
      ['Дата:', moscowTime(input.sentAt, input.timeZone)],
      ['Тема:', input.subject],
    ],
    60,
    9.5,
  );
  layout.y += 8;
  for (const paragraph of input.text.split(/\n{2,}/)) layout.paragraph(paragraph, { size: 10, gapAfter: 7 });
  layout.y += 10;
  layout.paragraph(`С уважением,\n${input.staffName}, ${l.name}`, { size: 10 });
  drawFooters(doc, `${l.name} · письмо клиенту`);
  return (await finish()).pdf;
}
