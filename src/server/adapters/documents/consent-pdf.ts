import { formatRuDate } from '../../../domain/russian';
import { drawFooters, openDocument, type LenderDetails } from './pdf-kit';
import { moscowTime } from './signature-stamp';

export const CONSENT_PDF_VERSION = 'consent-copy/1';

/**
 * A copy of a consent the borrower accepted: the text of the version they accepted, then who accepted it, when,
 * from which address, and the SHA-256 of the text (as stored with the consent). Throws nothing of its own.
 */
export async function renderConsentPdf(input: {
  title: string;
  text: string;
  version: string;
  textSha256: string;
  borrowerName: string;
  acceptedAt: Date;
  ip: string;
  timeZone: string;
  lender: LenderDetails;
}): Promise<Buffer> {
  const { doc, layout, finish } = await openDocument({
    title: input.title,
    author: input.lender.name,
    subject: `${input.title}, версия ${input.version}`,
    creator: `Шаблон копии согласия ${CONSENT_PDF_VERSION}`,
    date: input.acceptedAt.toISOString().slice(0, 10),
    templateVersion: CONSENT_PDF_VERSION,
  });
  layout.paragraph(input.title, { bold: true, size: 12, align: 'center', gapAfter: 2 });
  layout.paragraph(`Версия ${input.version}`, { size: 9, align: 'center', gapAfter: 10 });
  for (const paragraph of input.text.split(/\n{2,}/)) layout.paragraph(paragraph, { size: 9.5, gapAfter: 6 });
  layout.y += 8;
  layout.fields(
    [
      ['Принято:', input.borrowerName],
      ['Дата и время:', moscowTime(input.acceptedAt, input.timeZone)],
      ['IP-адрес:', input.ip],
      ['SHA-256 текста:', input.textSha256],
    ],
    110,
    9,
  );
  layout.paragraph(
    `Согласие дано при регистрации в личном кабинете ${formatRuDate(input.acceptedAt.toISOString().slice(0, 10))} ` +
      `отметкой в форме; SHA-256 вычислен по тексту этой версии согласия.`,
    { size: 8 },
  );
  drawFooters(doc, `${input.lender.name} · копия согласия`);
  return (await finish()).pdf;
}
