import type { IsoDate } from '../../../domain/calendar';
import { ruleSetOn } from '../../../domain/legal-rules';
import { formatRub, type Kopecks } from '../../../domain/money';
import { daysBetween } from '../../../domain/calendar';
import type { Quote } from '../../../domain/quote';
import { plural, termText } from '../../../domain/russian';
import {
  BLACK,
  CONTENT_W,
  LINE_GAP,
  MARGIN_TOP,
  MARGIN_X,
  PAGE_W,
  SMALL_SIZE,
  capClauseOpening,
  capitalize,
  dailyRateText,
  drawFooters,
  drawLenderBlock,
  drawSignatures,
  formatRuDate,
  nb,
  openDocument,
  scheduleTable,
  type Layout,
  type LenderDetails,
} from './pdf-kit';

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
  lender: LenderDetails;
  borrower: {
    fullName: string;
    birthDate: IsoDate;
    /** '45 10 123456, выдан …, код 770-001'. */
    passport: string;
    phone: string;
    /** The registration address as one line («адрес регистрации»); omitted when not given yet. */
    registrationAddress?: string | null;
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

/**
 * The two PSK frames: 2 × 214 × 68 pt = 29 104 pt², 5.8 % of an A4 page (501 190 pt²). The Bank of Russia wants
 * them to take at least 5 % of the page together.
 */
const PSK_BOX_W = 214;
const PSK_BOX_H = 68;
const PSK_BOX_GAP = 8;
const PSK_BOX_X = PAGE_W - MARGIN_X - PSK_BOX_W;

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

  const { doc, layout, finish } = await openDocument({
    title: `Индивидуальные условия договора потребительского займа № ${input.contractNumber}`,
    author: input.lender.name,
    subject: `Договор потребительского займа от ${formatRuDate(input.contractDate)}`,
    creator: `Шаблон договора ${CONTRACT_TEMPLATE_VERSION}`,
    date: input.contractDate,
    templateVersion: CONTRACT_TEMPLATE_VERSION,
  });
  drawFirstPageHeader(layout, input);
  drawCapClause(layout, input, rules.totalCostCapPercentOfPrincipal);
  drawIndividualTerms(layout, input);
  drawSchedule(layout, input);
  drawSignatures(layout, [
    ['Кредитор', input.lender.name, `ОГРН ${input.lender.ogrn}, ИНН ${input.lender.inn}`],
    [
      'Заёмщик',
      input.borrower.fullName,
      'Подписывает простой электронной подписью (одноразовый код из СМС).',
    ],
  ]);
  drawFooters(
    doc,
    `Договор потребительского займа № ${input.contractNumber} от ${formatRuDate(input.contractDate)} · ` +
      `шаблон ${CONTRACT_TEMPLATE_VERSION}`,
  );
  return finish();
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
  drawLenderBlock(layout, lender, leftWidth);
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

  layout.fields(
    [
      ['Заёмщик:', `${borrower.fullName}, дата рождения ${formatRuDate(borrower.birthDate)}`],
      ['Паспорт:', borrower.passport],
      ...(borrower.registrationAddress
        ? ([['Регистрация:', borrower.registrationAddress]] as [string, string][])
        : []),
      ['Телефон:', borrower.phone],
    ],
    62,
    9,
  );
  layout.y += 6;
  layout.paragraph(
    `${lender.name} (далее — кредитор) и ${borrower.fullName} (далее — заёмщик) заключили договор потребительского займа на индивидуальных условиях, указанных ниже, и общих условиях договора потребительского займа кредитора.`,
    { gapAfter: 8 },
  );
}

/** 353-FZ: the cap on everything accrued, on page 1 before the table, in capitals. */
function drawCapClause(layout: Layout, input: ContractDocumentInput, capPercent: number): void {
  const text =
    `${capClauseOpening(capPercent)} ` +
    `(${formatRub(input.quote.accrualCap)}). ПОСЛЕ ВОЗНИКНОВЕНИЯ ПРОСРОЧКИ ИСПОЛНЕНИЯ ОБЯЗАТЕЛЬСТВА ЗАЁМЩИКА ` +
    `ПО ВОЗВРАТУ СУММЫ ЗАЙМА И (ИЛИ) УПЛАТЕ ПРОЦЕНТОВ НЕУСТОЙКА (ШТРАФЫ, ПЕНИ) И ИНЫЕ МЕРЫ ОТВЕТСТВЕННОСТИ ` +
    `НАЧИСЛЯЮТСЯ ТОЛЬКО НА НЕ ПОГАШЕННУЮ ЗАЁМЩИКОМ ЧАСТЬ СУММЫ ОСНОВНОГО ДОЛГА.`;
  layout.framed(text);
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
      `${dailyRateText(input.dailyRateBp)}. ` +
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
  scheduleTable(layout, schedule, { dateWidth: 78, withRemaining: true, totalOnlyIfMany: false });
}
