import type { IsoDate } from '../../../domain/calendar';
import { formatRub, type Kopecks } from '../../../domain/money';
import { formatRuDate } from '../../../domain/russian';
import {
  drawFooters,
  drawLenderBlock,
  openDocument,
  SMALL_SIZE,
  type LenderDetails,
  type RenderedPdf,
} from './pdf-kit';

export const RAFFLE_RULES_TEMPLATE_VERSION = '2026-11-29';

/** What the rules of a raffle state (all of it public). */
export type RaffleRulesInput = {
  lender: LenderDetails;
  title: string;
  organiser: string;
  prizeFund: Kopecks;
  prizesCount: number;
  prizeDescription: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  drawOn: IsoDate;
  winnersNotice: string;
  commitment: string;
  publicUrl: string;
  algorithm: string;
};

/**
 * The rules of a raffle as a PDF a borrower can read: organiser, period, prize fund and prizes, how entries are
 * earned (one per payment made on time; never for taking a loan), how and when the draw happens, how winners are
 * chosen (the verifiable draw with its commitment) and told. Reproducible bytes (dated by the start date).
 */
export async function renderRaffleRulesPdf(input: RaffleRulesInput): Promise<RenderedPdf> {
  const heading = `Правила розыгрыша «${input.title}»`;
  const { doc, layout, finish } = await openDocument({
    title: heading,
    author: input.organiser,
    subject: `Розыгрыш с ${formatRuDate(input.startsOn)} по ${formatRuDate(input.endsOn)}`,
    creator: `Шаблон правил розыгрыша ${RAFFLE_RULES_TEMPLATE_VERSION}`,
    date: input.startsOn,
    templateVersion: RAFFLE_RULES_TEMPLATE_VERSION,
  });
  drawLenderBlock(layout, input.lender);
  layout.y += 14;
  layout.paragraph(heading, { bold: true, size: 12.5, align: 'center', gapAfter: 10 });
  const clauses = [
    `Организатор розыгрыша — ${input.organiser}.`,
    `Период приёма участий: с ${formatRuDate(input.startsOn)} по ${formatRuDate(input.endsOn)} включительно.`,
    `Призовой фонд — ${formatRub(input.prizeFund)}. Количество призов — ${input.prizesCount}. Призы: ` +
      `${input.prizeDescription}. Один участник может получить не более одного приза.`,
    'Участие: заёмщик получает одну запись за каждый платёж по договору займа, внесённый не позднее даты ' +
      'платежа по графику. Записи не начисляются за получение займа, продление срока или платные услуги. ' +
      'Участие бесплатное; отдельная плата за участие не взимается.',
    `Розыгрыш проводится ${formatRuDate(input.drawOn)} проверяемым способом. До начала приёма участий ` +
      `организатор публикует хеш SHA-256 секретного числа (сида): ${input.commitment}. После окончания приёма ` +
      'публикуются список записей и его хеш SHA-256. При розыгрыше сид раскрывается.',
    `Способ определения победителей: ${input.algorithm}`,
    `Данные для проверки (хеши, сид, список записей, победители с маскированными именами) публикуются на ` +
      `странице ${input.publicUrl}. Любой может пересчитать результат по этим данным.`,
    `Уведомление победителей: ${input.winnersNotice} Победителю также приходит сообщение в личном кабинете.`,
    'Налог на доходы физических лиц с приза стоимостью свыше 4 000 ₽ уплачивается в соответствии с Налоговым ' +
      'кодексом РФ (ст. 217 п. 28, ст. 224 п. 2).',
  ];
  clauses.forEach((text, i) => layout.paragraph(`${i + 1}. ${text}`, { gapAfter: 6 }));
  layout.paragraph(`Версия шаблона правил ${RAFFLE_RULES_TEMPLATE_VERSION}.`, { size: SMALL_SIZE });
  drawFooters(doc, heading);
  return finish();
}
