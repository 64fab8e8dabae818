import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { IsoDate } from '../../../domain/calendar';
import { ruleSetOn } from '../../../domain/legal-rules';
import { formatRub, sum, type Kopecks } from '../../../domain/money';
import { daysBetween, formatThousandths } from '../../../domain/psk';
import type { Quote } from '../../../domain/quote';
import { plural, termText } from '../../../domain/russian';

/**
 * «Индивидуальные условия договора потребительского займа» as a PDF (353-FZ art. 5, the Bank of Russia's form of
 * individual terms): on page 1 the PSK in two frames at the upper right, then the cap clause in capitals, then
 * the table of individual terms; the payment schedule follows.
 *
 * The output is a pure function of the input (and of the template and library versions): the creation date
 * and the file ID come from the contract date, never from the clock, so the SHA-256 an SMS code is bound to
 * can be reproduced. The font is PT Sans (ParaType, made for Russian), read from node_modules: nothing is
 * fetched at run time.
 */

export type ContractDocumentInput = {
  contractNumber: string;
  /** The date the contract is offered/signed: the rule set in force on it applies. */
  contractDate: IsoDate;
  lender: {
    name: string;
    ogrn: string;
    inn: string;
    address: string;
    /** Номер записи в государственном реестре МФО. */
    registryNumber: string;
    website: string;
    phone: string;
  };
  borrower: {
    fullName: string;
    birthDate: IsoDate;
    /** '45 10 123456, выдан …, код 770-001'. */
    passport: string;
    phone: string;
  };
  product: { name: string; kind: 'payday' | 'instalment' };
  quote: Quote;
  principal: Kopecks;
  dailyRateBp: number;
  /** Human text: 'на банковскую карту •••• 4242'. */
  payoutMethod: string;
  /** '20 % годовых на сумму просроченного основного долга…'. */
  penaltyText: string;
};

/** Bump when the layout or the text changes: a signed contract keeps the version it was rendered with. */
export const CONTRACT_TEMPLATE_VERSION = '2026-11-24';

const resolveModule = createRequire(import.meta.url).resolve;
const FONT_REGULAR = resolveModule('@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf');
const FONT_BOLD = resolveModule('@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf');

// A4 in points.
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN_X = 42;
const MARGIN_TOP = 40;
const MARGIN_BOTTOM = 50;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const BOTTOM = PAGE_H - MARGIN_BOTTOM;

/**
 * The two PSK frames: 2 × 214 × 68 pt = 29 104 pt², 5.8 % of an A4 page (501 190 pt²). The Bank of Russia wants
 * them to take at least 5 % of the page together.
 */
const PSK_BOX_W = 214;
const PSK_BOX_H = 68;
const PSK_BOX_GAP = 8;
const PSK_BOX_X = PAGE_W - MARGIN_X - PSK_BOX_W;

const BODY_SIZE = 8.5;
const SMALL_SIZE = 7.5;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
const LINE_GAP = 0.6;

const BLACK = '#000000';
const GREY = '#555555';
const HEADER_FILL = '#e9e9e9';

type Doc = PDFKit.PDFDocument;
// No 'justify': pdfkit justifies embedded fonts by dropping the space glyphs, and the text must copy and
// extract with its spaces.
type Align = 'left' | 'right' | 'center';
type Column = { title: string; width: number; align?: Align };
type Row = { cells: readonly string[]; bold?: boolean };

const NBSP = '\u00a0';
/** Keeps a short token on one line: a phone number, «№ З-2026-000123», «0,8 %». */
const nb = (text: string) => text.replace(/ /g, NBSP);

const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase('ru-RU') + text.slice(1);

/** 'YYYY-MM-DD' → 'ДД.ММ.ГГГГ'. */
const formatRuDate = (date: IsoDate): string => date.split('-').reverse().join('.');

/** 80 bp → '0,8'; 100 → '1'; 5 → '0,05'. */
function percentOfBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole},${fraction}` : String(whole);
}

/** The yearly rate, daily × 365, with 3 decimals: 80 bp a day → '292,000'. */
const yearlyPercentOfBp = (bp: number): string =>
  formatThousandths(BigInt(bp) * 365n * 10n).replace('.', ',');

/** After «достигнет»: 100 процентов, 130 процентов, 21 процента. */
const percentsGenitive = (n: number) => `${n} ${plural(n, ['ПРОЦЕНТА', 'ПРОЦЕНТОВ', 'ПРОЦЕНТОВ'])}`;

function assertConsistent(input: ContractDocumentInput, capRuleSetId: string): void {
  const { quote } = input;
  const problems: string[] = [];
  if (quote.amount !== input.principal) problems.push(`principal ${input.principal} ≠ quote ${quote.amount}`);
  if (quote.dailyRateBp !== input.dailyRateBp)
    problems.push(`daily rate ${input.dailyRateBp} ≠ quote ${quote.dailyRateBp}`);
  if (quote.kind !== input.product.kind) problems.push(`product ${input.product.kind} ≠ quote ${quote.kind}`);
  if (quote.ruleSetId !== capRuleSetId)
    problems.push(
      `quote priced under rule set ${quote.ruleSetId}, ${capRuleSetId} in force on the contract date`,
    );
  if (quote.schedule.length === 0) problems.push('empty schedule');
  if (problems.length > 0) throw new Error(`contract ${input.contractNumber}: ${problems.join('; ')}`);
}

/** Renders the contract and hashes it. Throws when the quote contradicts the rest of the input. */
export async function renderContractPdf(
  input: ContractDocumentInput,
): Promise<{ pdf: Buffer; sha256: string; templateVersion: string }> {
  const rules = ruleSetOn(input.contractDate);
  assertConsistent(input, rules.id);

  const created = new Date(`${input.contractDate}T00:00:00.000Z`);
  const title = `Индивидуальные условия договора потребительского займа № ${input.contractNumber}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
    bufferPages: true,
    font: FONT_REGULAR,
    lang: 'ru-RU',
    displayTitle: true,
    info: {
      Title: title,
      Author: input.lender.name,
      Subject: `Договор потребительского займа от ${formatRuDate(input.contractDate)}`,
      Creator: `Шаблон договора ${CONTRACT_TEMPLATE_VERSION}`,
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

  const layout = new Layout(doc);
  drawFirstPageHeader(layout, input);
  drawCapClause(layout, input, rules.totalCostCapPercentOfPrincipal);
  drawIndividualTerms(layout, input);
  drawSchedule(layout, input);
  drawSignatures(layout, input);
  drawFooters(doc, input);

  doc.end();
  const pdf = await finished;
  return {
    pdf,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    templateVersion: CONTRACT_TEMPLATE_VERSION,
  };
}

/** A vertical cursor over pdfkit's pages: every block measures itself first and moves to a new page whole. */
class Layout {
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

/** Lender details at the upper left, the two PSK frames at the upper right, then the title and the parties. */
function drawFirstPageHeader(layout: Layout, input: ContractDocumentInput): void {
  const { doc } = layout;
  const { lender, borrower, quote } = input;

  // The PSK frames, before anything else on the page.
  const boxes: [label: string, value: string][] = [
    ['Полная стоимость займа:', `${quote.pskPercent.replace('.', ',')} % годовых`],
    ['Полная стоимость займа в денежном выражении:', formatRub(quote.pskRub)],
  ];
  for (const [i, [label, value]] of boxes.entries()) {
    const top = MARGIN_TOP + i * (PSK_BOX_H + PSK_BOX_GAP);
    doc.rect(PSK_BOX_X, top, PSK_BOX_W, PSK_BOX_H).lineWidth(1.5).strokeColor(BLACK).stroke();
    const inner = PSK_BOX_W - 2 * 8;
    const labelHeight = layout.heightOf(label, inner, false, 9);
    const valueHeight = layout.heightOf(value, inner, true, 18);
    const textTop = top + (PSK_BOX_H - labelHeight - 2 - valueHeight) / 2;
    layout
      .font(false, 9)
      .fillColor(BLACK)
      .text(label, PSK_BOX_X + 8, textTop, { width: inner, align: 'center', lineGap: LINE_GAP });
    layout
      .font(true, 18)
      .text(value, PSK_BOX_X + 8, textTop + labelHeight + 2, { width: inner, align: 'center' });
  }
  const boxesBottom = MARGIN_TOP + 2 * PSK_BOX_H + PSK_BOX_GAP;

  const leftWidth = PSK_BOX_X - MARGIN_X - 16;
  layout.y = MARGIN_TOP;
  layout.paragraph('Кредитор (займодавец):', { size: SMALL_SIZE, width: leftWidth, gapAfter: 1 });
  layout.paragraph(lender.name, { bold: true, size: 10, width: leftWidth, gapAfter: 2 });
  for (const line of [
    `ОГРН ${lender.ogrn}, ИНН ${lender.inn}`,
    `Регистрационный номер записи в государственном реестре микрофинансовых организаций: ${lender.registryNumber}`,
    `Адрес: ${lender.address}`,
    `Сайт: ${lender.website}, телефон: ${nb(lender.phone)}`,
  ])
    layout.paragraph(line, { width: leftWidth, gapAfter: 1.5 });
  layout.y = Math.max(layout.y, boxesBottom) + 14;

  layout.paragraph(`ДОГОВОР ПОТРЕБИТЕЛЬСКОГО ЗАЙМА № ${input.contractNumber}`, {
    bold: true,
    size: 12.5,
    align: 'center',
    gapAfter: 2,
  });
  layout.paragraph(
    `от ${formatRuDate(input.contractDate)} · продукт «${input.product.name}» (${
      input.product.kind === 'payday' ? 'заём с единовременным возвратом' : 'заём с возвратом частями'
    })`,
    { size: 9, align: 'center', gapAfter: 8 },
  );

  const label = 62;
  const parties: [string, string][] = [
    ['Заёмщик:', `${borrower.fullName}, дата рождения ${formatRuDate(borrower.birthDate)}`],
    ['Паспорт:', borrower.passport],
    ['Телефон:', borrower.phone],
  ];
  for (const [name, value] of parties) {
    const height = layout.heightOf(value, CONTENT_W - label, false, 9);
    layout.font(true, 9).fillColor(BLACK).text(name, MARGIN_X, layout.y, { width: label });
    layout
      .font(false, 9)
      .text(value, MARGIN_X + label, layout.y, { width: CONTENT_W - label, lineGap: LINE_GAP });
    layout.y += height + 1.5;
  }
  layout.y += 6;
  layout.paragraph(
    `${lender.name} (далее — кредитор) и ${borrower.fullName} (далее — заёмщик) заключили договор потребительского займа на индивидуальных условиях, указанных ниже, и общих условиях договора потребительского займа кредитора.`,
    { gapAfter: 8 },
  );
}

/** 353-FZ: the cap on everything accrued, on page 1 before the table, in capitals. */
function drawCapClause(layout: Layout, input: ContractDocumentInput, capPercent: number): void {
  const text =
    `НАЧИСЛЕНИЕ ПРОЦЕНТОВ, НЕУСТОЙКИ (ШТРАФОВ, ПЕНИ), ИНЫХ МЕР ОТВЕТСТВЕННОСТИ ПО ДОГОВОРУ ПОТРЕБИТЕЛЬСКОГО ЗАЙМА, ` +
    `А ТАКЖЕ ПЛАТЕЖЕЙ ЗА УСЛУГИ, ОКАЗЫВАЕМЫЕ КРЕДИТОРОМ ЗАЁМЩИКУ ЗА ОТДЕЛЬНУЮ ПЛАТУ, ПРЕКРАЩАЕТСЯ, ЕСЛИ ИХ ОБЩАЯ ` +
    `СУММА ДОСТИГНЕТ ${percentsGenitive(capPercent)} РАЗМЕРА СУММЫ ПРЕДОСТАВЛЕННОГО ЗАЙМА ` +
    `(${formatRub(input.quote.accrualCap)}). ПОСЛЕ ВОЗНИКНОВЕНИЯ ПРОСРОЧКИ ИСПОЛНЕНИЯ ОБЯЗАТЕЛЬСТВА ЗАЁМЩИКА ` +
    `ПО ВОЗВРАТУ СУММЫ ЗАЙМА И (ИЛИ) УПЛАТЕ ПРОЦЕНТОВ НЕУСТОЙКА (ШТРАФЫ, ПЕНИ) И ИНЫЕ МЕРЫ ОТВЕТСТВЕННОСТИ ` +
    `НАЧИСЛЯЮТСЯ ТОЛЬКО НА НЕ ПОГАШЕННУЮ ЗАЁМЩИКОМ ЧАСТЬ СУММЫ ОСНОВНОГО ДОЛГА.`;
  const { doc } = layout;
  const pad = 6;
  const height = layout.heightOf(text, CONTENT_W - 2 * pad, true, BODY_SIZE);
  layout.ensure(height + 2 * pad);
  doc
    .rect(MARGIN_X, layout.y, CONTENT_W, height + 2 * pad)
    .lineWidth(0.75)
    .strokeColor(BLACK)
    .stroke();
  layout.y += pad;
  layout.paragraph(text, {
    bold: true,
    x: MARGIN_X + pad,
    width: CONTENT_W - 2 * pad,
    gapAfter: 0,
  });
  layout.y += pad + 10;
}

function drawIndividualTerms(layout: Layout, input: ContractDocumentInput): void {
  const { quote, lender, borrower } = input;
  const schedule = quote.schedule;
  const last = schedule[schedule.length - 1]!;
  const days = daysBetween(input.contractDate, quote.lastDueDate);
  const term = quote.kind === 'payday' ? termText(days, 'days') : termText(Math.round(days / 7), 'weeks');
  const payments =
    quote.kind === 'payday'
      ? `Один платёж в размере ${formatRub(last.total)} (основной долг ${formatRub(last.principal)} и проценты ` +
        `${formatRub(last.interest)}) не позднее ${formatRuDate(last.dueDate)}.`
      : `${schedule.length} ${plural(schedule.length, ['платёж', 'платежа', 'платежей'])} каждые 14 дней; ` +
        `размер платежа — ${formatRub(quote.regularPayment)}` +
        (last.total === quote.regularPayment ? '' : ` (последнего — ${formatRub(last.total)})`) +
        `; первый платёж — ${formatRuDate(quote.firstDueDate)}, последний — ${formatRuDate(quote.lastDueDate)}.`;

  const terms: [string, string, string][] = [
    ['1', 'Сумма займа или лимит кредитования и порядок его изменения', `${formatRub(input.principal)}`],
    [
      '2',
      'Срок действия договора, срок возврата займа',
      `Договор действует с момента предоставления займа до полного исполнения обязательств по нему. ` +
        `Срок возврата займа — ${term}, не позднее ${formatRuDate(quote.lastDueDate)}.`,
    ],
    ['3', 'Валюта, в которой предоставляется заём', 'Российский рубль (рубли Российской Федерации).'],
    [
      '4',
      'Процентная ставка (процентные ставки) или порядок её определения',
      `${percentOfBp(input.dailyRateBp)}${NBSP}% в день (${yearlyPercentOfBp(input.dailyRateBp)}${NBSP}% годовых). ` +
        `Проценты начисляются на остаток основного долга за каждый день пользования займом.`,
    ],
    ['5', 'Порядок определения курса иностранной валюты', 'Не применяется.'],
    [
      '6',
      'Количество, размер и периодичность (сроки) платежей заёмщика по договору или порядок их определения',
      `${payments} Общая сумма выплат — ${formatRub(quote.totalToRepay)}, в том числе основной долг ` +
        `${formatRub(input.principal)} и проценты ${formatRub(quote.totalInterest)}. Даты и суммы платежей — ` +
        `в графике платежей (приложение к настоящим индивидуальным условиям).`,
    ],
    [
      '7',
      'Порядок изменения количества, размера и периодичности (сроков) платежей при частичном досрочном возврате займа',
      `Досрочный возврат займа полностью или частично допускается в любой день без комиссий и без согласия ` +
        `кредитора. При частичном досрочном возврате уменьшается размер оставшихся платежей, их количество и ` +
        `сроки не меняются; проценты начисляются на фактический остаток основного долга за фактические дни ` +
        `пользования. В течение 14 дней со дня получения займа заёмщик вправе вернуть его полностью без ` +
        `уведомления кредитора, уплатив проценты только за фактический срок пользования займом.`,
    ],
    [
      '8',
      'Способы исполнения заёмщиком обязательств по договору',
      `Банковской картой в личном кабинете на сайте ${lender.website}; через Систему быстрых платежей по ` +
        `QR-коду или ссылке; банковским переводом по реквизитам кредитора с указанием номера договора; через ` +
        `платёжные терминалы партнёров кредитора.`,
    ],
    [
      '8.1',
      'Бесплатный способ исполнения обязательств',
      `Оплата банковской картой в личном кабинете и через Систему быстрых платежей — без комиссии.`,
    ],
    ['9', 'Обязанность заёмщика заключить иные договоры', 'Не применяется.'],
    ['10', 'Обязанность по предоставлению обеспечения исполнения обязательств', 'Не применяется.'],
    ['11', 'Цели использования потребительского займа', 'Не установлены.'],
    [
      '12',
      'Ответственность заёмщика за ненадлежащее исполнение условий договора, размер неустойки (штрафа, пени) или порядок их определения',
      `Неустойка (пеня): ${input.penaltyText}. Неустойка учитывается в предельном размере начислений, указанном ` +
        `на первой странице договора.`,
    ],
    [
      '13',
      'Условие об уступке кредитором третьим лицам прав (требований) по договору',
      'Уступка кредитором третьим лицам прав (требований) по договору запрещена.',
    ],
    [
      '14',
      'Согласие заёмщика с общими условиями договора',
      `Заёмщик ознакомлен с общими условиями договора потребительского займа, размещёнными на сайте ` +
        `${lender.website}, и согласен с ними.`,
    ],
    ['15', 'Услуги, оказываемые кредитором за отдельную плату', 'Не применяется.'],
    [
      '16',
      'Способ обмена информацией между кредитором и заёмщиком',
      `Личный кабинет на сайте ${lender.website}, СМС-сообщения на номер ${nb(borrower.phone)}, телефон кредитора ` +
        `${nb(lender.phone)}.`,
    ],
    [
      '17',
      'Способ получения займа',
      `${capitalize(input.payoutMethod.trim())}. Заём предоставляется в безналичной форме.`,
    ],
    [
      '18',
      'Подписание договора',
      `Заёмщик подписывает договор простой электронной подписью — одноразовым кодом из СМС, направленным на ` +
        `номер ${nb(borrower.phone)}, в соответствии с соглашением об использовании простой электронной подписи. ` +
        `Код действует только для этого документа.`,
    ],
  ];

  layout.ensure(60);
  layout.paragraph('ИНДИВИДУАЛЬНЫЕ УСЛОВИЯ ДОГОВОРА ПОТРЕБИТЕЛЬСКОГО ЗАЙМА', {
    bold: true,
    size: 10.5,
    align: 'center',
    gapAfter: 5,
  });
  layout.table(
    [
      { title: '№', width: 28, align: 'center' },
      { title: 'Условие', width: 170 },
      { title: 'Содержание условия', width: CONTENT_W - 28 - 170 },
    ],
    terms.map(([n, name, content]) => ({ cells: [n, name, content] })),
  );
}

function drawSchedule(layout: Layout, input: ContractDocumentInput): void {
  const schedule = input.quote.schedule;
  layout.ensure(80);
  layout.paragraph('ГРАФИК ПЛАТЕЖЕЙ', { bold: true, size: 10.5, align: 'center', gapAfter: 1 });
  layout.paragraph(
    `Приложение к индивидуальным условиям договора потребительского займа ${nb(`№ ${input.contractNumber}`)} от ` +
      `${formatRuDate(input.contractDate)}`,
    { size: SMALL_SIZE, align: 'center', gapAfter: 5 },
  );
  const amount = (CONTENT_W - 28 - 78) / 4;
  layout.table(
    [
      { title: '№', width: 28, align: 'center' },
      { title: 'Дата платежа', width: 78, align: 'center' },
      { title: 'Основной долг', width: amount, align: 'right' },
      { title: 'Проценты', width: amount, align: 'right' },
      { title: 'Сумма платежа', width: amount, align: 'right' },
      { title: 'Остаток основного долга', width: amount, align: 'right' },
    ],
    [
      ...schedule.map((i) => ({
        cells: [
          String(i.n),
          formatRuDate(i.dueDate),
          formatRub(i.principal),
          formatRub(i.interest),
          formatRub(i.total),
          formatRub(i.remainingPrincipal),
        ],
      })),
      {
        cells: [
          '',
          'Итого',
          formatRub(sum(schedule.map((i) => i.principal))),
          formatRub(sum(schedule.map((i) => i.interest))),
          formatRub(sum(schedule.map((i) => i.total))),
          '',
        ],
        bold: true,
      },
    ],
  );
}

function drawSignatures(layout: Layout, input: ContractDocumentInput): void {
  const { doc } = layout;
  const half = (CONTENT_W - 20) / 2;
  const blocks: [string, string, string][] = [
    ['Кредитор', input.lender.name, `ОГРН ${input.lender.ogrn}, ИНН ${input.lender.inn}`],
    [
      'Заёмщик',
      input.borrower.fullName,
      'Подписывает простой электронной подписью (одноразовый код из СМС).',
    ],
  ];
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

/** «Страница N из M» and the contract number on every page, once the number of pages is known. */
function drawFooters(doc: Doc, input: ContractDocumentInput): void {
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
      .text(
        `Договор потребительского займа № ${input.contractNumber} от ${formatRuDate(input.contractDate)} · ` +
          `шаблон ${CONTRACT_TEMPLATE_VERSION}`,
        MARGIN_X,
        y,
        { width: CONTENT_W - 100, lineBreak: false },
      );
    doc.text(`Страница ${i - start + 1} из ${count}`, PAGE_W - MARGIN_X - 100, y, {
      width: 100,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = margin;
  }
  doc.fillColor(BLACK);
}
