import type { IsoDate } from '../../../domain/calendar';
import { formatRuDate } from '../../../domain/russian';
import {
  drawFooters,
  drawLenderBlock,
  openDocument,
  SMALL_SIZE,
  type LenderDetails,
  type RenderedPdf,
} from './pdf-kit';

export const RELATIONSHIP_END_TEMPLATE_VERSION = '2026-11-29';

/** What the confirmation states: who, since when the relationship ended, until when the data are kept. */
export type RelationshipEndInput = {
  lender: LenderDetails;
  fullName: string;
  birthDate: IsoDate;
  endedOn: IsoDate;
  eraseAfter: IsoDate;
  retentionYears: number;
  requestedOn: IsoDate;
  supportPhone: string;
};

/**
 * The confirmation that the relationship ended (issue 12, part 3): the account is closed to sign-in and
 * applications, advertising and optional messages stopped, optional consents withdrawn; the personal data are kept
 * for the period the law requires (152-FZ art. 5 p. 7, 115-FZ art. 7 p. 4: five years) and erased after it.
 * Reproducible bytes (dated by the end date).
 */
export async function renderRelationshipEndPdf(input: RelationshipEndInput): Promise<RenderedPdf> {
  const heading = 'Подтверждение прекращения отношений';
  const { doc, layout, finish } = await openDocument({
    title: heading,
    author: input.lender.name,
    subject: `${input.fullName}, ${formatRuDate(input.endedOn)}`,
    creator: `Шаблон подтверждения ${RELATIONSHIP_END_TEMPLATE_VERSION}`,
    date: input.endedOn,
    templateVersion: RELATIONSHIP_END_TEMPLATE_VERSION,
  });
  drawLenderBlock(layout, input.lender);
  layout.y += 14;
  layout.paragraph(heading, { bold: true, size: 12.5, align: 'center', gapAfter: 10 });
  const clauses = [
    `${input.fullName}, дата рождения ${formatRuDate(input.birthDate)}, ${formatRuDate(input.requestedOn)} ` +
      `попросил(а) прекратить отношения с ${input.lender.name}.`,
    `Отношения прекращены ${formatRuDate(input.endedOn)}: вход в личный кабинет и подача заявок на заём закрыты, ` +
      'рекламные и необязательные сообщения больше не отправляются, необязательные согласия отозваны.',
    `Персональные данные хранятся в течение срока, установленного законом (${input.retentionYears} лет), и ` +
      `подлежат уничтожению после ${formatRuDate(input.eraseAfter)}. До этого они используются только для ` +
      'исполнения требований закона.',
    `Чтобы возобновить отношения, позвоните нам: ${input.supportPhone}.`,
  ];
  clauses.forEach((text, i) => layout.paragraph(`${i + 1}. ${text}`, { gapAfter: 6 }));
  layout.paragraph(`Версия шаблона ${RELATIONSHIP_END_TEMPLATE_VERSION}.`, { size: SMALL_SIZE });
  drawFooters(doc, heading);
  return finish();
}
