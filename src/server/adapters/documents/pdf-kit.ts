import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type PDFDocumentClass from 'pdfkit';
import type { IsoDate } from '../../../domain/calendar';
import { formatRub, sum, type Kopecks } from '../../../domain/money';
import { dailyRateText as rateText } from '../../../domain/rates';
import { formatRuDate } from '../../../domain/russian';
import type { Instalment } from '../../../domain/schedule';
import { plural } from '../../../domain/russian';

/**
 * What every document of the lender shares: PT Sans (ParaType, made for Russian) read from node_modules, A4
 * with the same margins, a vertical layout cursor, the footer, and a deterministic set-up — the creation date
 * and the file ID come from the document's own date, never from the clock, so the bytes (and the SHA-256 an
 * SMS code is bound to) can be reproduced.
 */

/** The lender as every document names it. */
export type LenderDetails = {
  name: string;
  ogrn: string;
  inn: string;
  address: string;
  /** Номер записи в государственном реестре МФО. */
  registryNumber: string;
  website: string;
  phone: string;
};

const resolveModule = createRequire(import.meta.url).resolve;
export const FONT_REGULAR = resolveModule('@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf');
export const FONT_BOLD = resolveModule('@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf');

// A4 in points.
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const MARGIN_X = 42;
export const MARGIN_TOP = 40;
export const MARGIN_BOTTOM = 50;
export const CONTENT_W = PAGE_W - 2 * MARGIN_X;
export const BOTTOM = PAGE_H - MARGIN_BOTTOM;

export const BODY_SIZE = 8.5;
export const SMALL_SIZE = 7.5;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
export const LINE_GAP = 0.6;

export const BLACK = '#000000';
export const GREY = '#555555';
const HEADER_FILL = '#e9e9e9';

export type Doc = PDFKit.PDFDocument;
// No 'justify': pdfkit justifies embedded fonts by dropping the space glyphs, and the text must copy and
// extract with its spaces.
export type Align = 'left' | 'right' | 'center';
export type Column = { title: string; width: number; align?: Align };
export type Row = { cells: readonly string[]; bold?: boolean };

export const NBSP = '\u00a0';
/** Keeps a short token on one line: a phone number, «№ З-2026-000123», «0,8 %». */
export const nb = (text: string) => text.replace(/ /g, NBSP);

export const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase('ru-RU') + text.slice(1);

/** 'YYYY-MM-DD' → 'ДД.ММ.ГГГГ'. */
export { formatRuDate } from '../../../domain/russian';

/** 80 bp → '0,8 % в день (292,000 % годовых)': the rate as the contract and its addenda print it. */
export const dailyRateText = (bp: number): string => rateText(bp, { withYearly: true });

/** After «достигнет»: 100 процентов, 130 процентов, 21 процента. */
export const percentsGenitive = (n: number) => `${n} ${plural(n, ['ПРОЦЕНТА', 'ПРОЦЕНТОВ', 'ПРОЦЕНТОВ'])}`;

/**
 * The opening of the 353-FZ cap clause, in capitals as the contract prints it; the contract and its addenda
 * word it identically.
 */
export const capClauseOpening = (capPercent: number): string =>
  `НАЧИСЛЕНИЕ ПРОЦЕНТОВ, НЕУСТОЙКИ (ШТРАФОВ, ПЕНИ), ИНЫХ МЕР ОТВЕТСТВЕННОСТИ ПО ДОГОВОРУ ПОТРЕБИТЕЛЬСКОГО ЗАЙМА, ` +
  `А ТАКЖЕ ПЛАТЕЖЕЙ ЗА УСЛУГИ, ОКАЗЫВАЕМЫЕ КРЕДИТОРОМ ЗАЁМЩИКУ ЗА ОТДЕЛЬНУЮ ПЛАТУ, ПРЕКРАЩАЕТСЯ, ЕСЛИ ИХ ОБЩАЯ ` +
  `СУММА ДОСТИГНЕТ ${percentsGenitive(capPercent)} РАЗМЕРА СУММЫ ПРЕДОСТАВЛЕННОГО ЗАЙМА`;

export type RenderedPdf = { pdf: Buffer; sha256: string; templateVersion: string };

let pdfKit: Promise<typeof PDFDocumentClass> | undefined;
/** pdfkit, imported on the first document (about a second of start-up otherwise, for a rare download). */
const loadPdfKit = () => (pdfKit ??= import('pdfkit').then((module) => module.default));

/**
 * A new A4 document whose bytes depend only on what is drawn and on `info`: `date` is both the creation and the
 * modification date. `finish` ends the document and hashes it. Async: pdfkit is loaded on the first call.
 */
export async function openDocument(info: {
  title: string;
  author: string;
  subject: string;
  creator: string;
  date: IsoDate;
  templateVersion: string;
}): Promise<{ doc: Doc; layout: Layout; finish: () => Promise<RenderedPdf> }> {
  const created = new Date(`${info.date}T00:00:00.000Z`);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
    bufferPages: true,
    font: FONT_REGULAR,
    lang: 'ru-RU',
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: info.creator,
      // The file ID is a hash of these fields: fixed dates make the whole file reproducible.
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const finish = async (): Promise<RenderedPdf> => {
    doc.end();
    const pdf = await finished;
    return {
      pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      templateVersion: info.templateVersion,
    };
  };
  return { doc, layout: new Layout(doc), finish };
}

/** A vertical cursor over pdfkit's pages: every block measures itself first and moves to a new page whole. */
export class Layout {
  y = MARGIN_TOP;
  constructor(readonly doc: Doc) {}

  font(bold: boolean, size: number): Doc {
    return this.doc.font(bold ? FONT_BOLD : FONT_REGULAR).fontSize(size);
  }

  /** Starts a new page when `height` does not fit below the cursor. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) {
      this.doc.addPage();
      this.y = MARGIN_TOP;
    }
  }

  heightOf(text: string, width: number, bold: boolean, size: number): number {
    return this.font(bold, size).heightOfString(text, { width, lineGap: LINE_GAP });
  }

  /** A paragraph across the content width (or `width` from `x`). */
  paragraph(
    text: string,
    options: {
      bold?: boolean;
      size?: number;
      align?: Align;
      gapAfter?: number;
      x?: number;
      width?: number;
    } = {},
  ): void {
    const { bold = false, size = BODY_SIZE, align = 'left', gapAfter = 4 } = options;
    const x = options.x ?? MARGIN_X;
    const width = options.width ?? CONTENT_W;
    const height = this.heightOf(text, width, bold, size);
    this.ensure(height);
    this.font(bold, size).fillColor(BLACK).text(text, x, this.y, { width, align, lineGap: LINE_GAP });
    this.y += height + gapAfter;
  }

  /** A bold paragraph in a thin frame across the content width: the cap clause. */
  framed(text: string): void {
    const pad = 6;
    const height = this.heightOf(text, CONTENT_W - 2 * pad, true, BODY_SIZE);
    this.ensure(height + 2 * pad);
    this.doc
      .rect(MARGIN_X, this.y, CONTENT_W, height + 2 * pad)
      .lineWidth(0.75)
      .strokeColor(BLACK)
      .stroke();
    this.y += pad;
    this.paragraph(text, {
      bold: true,
      x: MARGIN_X + pad,
      width: CONTENT_W - 2 * pad,
      gapAfter: 0,
    });
    this.y += pad + 10;
  }

  /** «Label: value» lines, the label bold in a column of `labelWidth`. */
  fields(rows: readonly (readonly [label: string, value: string])[], labelWidth: number, size: number): void {
    for (const [name, value] of rows) {
      const height = this.heightOf(value, CONTENT_W - labelWidth, false, size);
      this.ensure(height);
      this.font(true, size).fillColor(BLACK).text(name, MARGIN_X, this.y, { width: labelWidth });
      this.font(false, size).text(value, MARGIN_X + labelWidth, this.y, {
        width: CONTENT_W - labelWidth,
        lineGap: LINE_GAP,
      });
      this.y += height + 1.5;
    }
  }

  /** A bordered table; the header row is repeated on every page the table continues on. */
  table(columns: readonly Column[], rows: readonly Row[], size = BODY_SIZE): void {
    const header: Row = { cells: columns.map((c) => c.title), bold: true };
    const heightOfRow = (row: Row) =>
      Math.max(
        ...columns.map((c, i) =>
          this.heightOf(row.cells[i] ?? '', c.width - 2 * CELL_PAD_X, row.bold ?? false, size),
        ),
      ) +
      2 * CELL_PAD_Y;
    const headerHeight = heightOfRow(header);
    const drawRow = (row: Row, height: number, fill: string | null) => {
      let x = MARGIN_X;
      for (const [i, column] of columns.entries()) {
        if (fill) this.doc.rect(x, this.y, column.width, height).fill(fill);
        this.doc.rect(x, this.y, column.width, height).lineWidth(0.5).strokeColor(BLACK).stroke();
        this.font(row.bold ?? false, size)
          .fillColor(BLACK)
          .text(row.cells[i] ?? '', x + CELL_PAD_X, this.y + CELL_PAD_Y, {
            width: column.width - 2 * CELL_PAD_X,
            align: fill ? 'center' : (column.align ?? 'left'),
            lineGap: LINE_GAP,
          });
        x += column.width;
      }
      this.y += height;
    };

    const first = rows[0];
    this.ensure(headerHeight + (first ? heightOfRow(first) : 0));
    drawRow(header, headerHeight, HEADER_FILL);
    for (const row of rows) {
      const height = heightOfRow(row);
      if (this.y + height > BOTTOM) {
        this.doc.addPage();
        this.y = MARGIN_TOP;
        drawRow(header, headerHeight, HEADER_FILL);
      }
      drawRow(row, height, null);
    }
    this.y += 8;
  }
}

/** The lender's name and requisites from the cursor down, `width` wide. */
export function drawLenderBlock(layout: Layout, lender: LenderDetails, width = CONTENT_W): void {
  layout.paragraph('Кредитор (займодавец):', { size: SMALL_SIZE, width, gapAfter: 1 });
  layout.paragraph(lender.name, { bold: true, size: 10, width, gapAfter: 2 });
  for (const line of [
    `ОГРН ${lender.ogrn}, ИНН ${lender.inn}`,
    `Регистрационный номер записи в государственном реестре микрофинансовых организаций: ${lender.registryNumber}`,
    `Адрес: ${lender.address}`,
    `Сайт: ${lender.website}, телефон: ${nb(lender.phone)}`,
  ])
    layout.paragraph(line, { width, gapAfter: 1.5 });
}

/**
 * The lender's and the borrower's blocks side by side (role, name in bold, a note), then where the signing
 * record is kept.
 */
export function drawSignatures(
  layout: Layout,
  blocks: readonly (readonly [role: string, name: string, note: string])[],
): void {
  const { doc } = layout;
  const half = (CONTENT_W - 20) / 2;
  const height = Math.max(
    ...blocks.map(
      ([, name, note]) =>
        layout.heightOf(name, half, true, 9) + layout.heightOf(note, half, false, SMALL_SIZE),
    ),
  );
  layout.ensure(height + 30);
  const top = layout.y;
  for (const [i, [role, name, note]] of blocks.entries()) {
    const x = MARGIN_X + i * (half + 20);
    layout.font(false, SMALL_SIZE).fillColor(GREY).text(`${role}:`, x, top, { width: half });
    layout
      .font(true, 9)
      .fillColor(BLACK)
      .text(name, x, top + 11, { width: half, lineGap: LINE_GAP });
    const noteTop = top + 11 + layout.heightOf(name, half, true, 9) + 2;
    layout
      .font(false, SMALL_SIZE)
      .fillColor(BLACK)
      .text(note, x, noteTop, { width: half, lineGap: LINE_GAP });
  }
  layout.y = top + 11 + height + 8;
  doc.fillColor(BLACK);
  layout.paragraph(
    'Сведения о подписании (номер телефона, время, IP-адрес, контрольная сумма документа SHA-256 и версия ' +
      'шаблона) хранятся у кредитора.',
    { size: SMALL_SIZE },
  );
}

/** `text` and «Страница N из M» on every page, once the number of pages is known. */
export function drawFooters(doc: Doc, text: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: pdfkit would start a new page for text written there.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = PAGE_H - 32;
    doc
      .moveTo(MARGIN_X, y - 5)
      .lineTo(PAGE_W - MARGIN_X, y - 5)
      .lineWidth(0.5)
      .strokeColor(GREY)
      .stroke();
    doc
      .font(FONT_REGULAR)
      .fontSize(SMALL_SIZE)
      .fillColor(GREY)
      .text(text, MARGIN_X, y, { width: CONTENT_W - 100, lineBreak: false });
    doc.text(`Страница ${i - start + 1} из ${count}`, PAGE_W - MARGIN_X - 100, y, {
      width: 100,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = margin;
  }
  doc.fillColor(BLACK);
}

/**
 * A payment schedule as a table: №, date, principal, interest, payment (and, with `withRemaining`, the principal left
 * after each payment), then a bold «Итого» row — always, or only for more than one payment with `totalOnlyIfMany`.
 * Widths in points; amounts in rubles («12 500,50 ₽»).
 */
export function scheduleTable(
  layout: Layout,
  schedule: readonly (Omit<Instalment, 'remainingPrincipal'> & { remainingPrincipal?: Kopecks })[],
  options: { dateWidth: number; withRemaining: boolean; totalOnlyIfMany: boolean },
): void {
  const { dateWidth, withRemaining } = options;
  const amount = (CONTENT_W - 28 - dateWidth) / (withRemaining ? 4 : 3);
  const columns: Column[] = [
    { title: '№', width: 28, align: 'center' },
    { title: 'Дата платежа', width: dateWidth, align: 'center' },
    { title: 'Основной долг', width: amount, align: 'right' },
    { title: 'Проценты', width: amount, align: 'right' },
    { title: 'Сумма платежа', width: amount, align: 'right' },
    ...(withRemaining ? [{ title: 'Остаток основного долга', width: amount, align: 'right' as const }] : []),
  ];
  const rows: Row[] = schedule.map((i) => ({
    cells: [
      String(i.n),
      formatRuDate(i.dueDate),
      formatRub(i.principal),
      formatRub(i.interest),
      formatRub(i.total),
      ...(withRemaining ? [formatRub(i.remainingPrincipal ?? 0n)] : []),
    ],
  }));
  const total: Row = {
    cells: [
      '',
      'Итого',
      formatRub(sum(schedule.map((i) => i.principal))),
      formatRub(sum(schedule.map((i) => i.interest))),
      formatRub(sum(schedule.map((i) => i.total))),
      ...(withRemaining ? [''] : []),
    ],
    bold: true,
  };
  // One payment is its own total.
  const withTotal = !options.totalOnlyIfMany || schedule.length > 1;
  layout.table(columns, withTotal ? [...rows, total] : rows);
}
