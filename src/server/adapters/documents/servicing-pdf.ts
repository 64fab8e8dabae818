import type { IsoDate } from '../../../domain/calendar';
import { ruleSetOn } from '../../../domain/legal-rules';
import { formatRub, sum, type Kopecks } from '../../../domain/money';
import { termText } from '../../../domain/russian';
import {
  CONTENT_W,
  SMALL_SIZE,
  capClauseOpening,
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
  type RenderedPdf,
} from './pdf-kit';

/**
 * The documents of a loan after it is issued: the prolongation addendum (signed with an SMS code bound to its
 * SHA-256), the certificate of repayment and the payment receipt. Like the contract, each is a pure function of
 * its input: the creation date comes from the document's date, so the same input gives the same bytes.
 */

/** Bump when the layout or the text changes: a signed addendum keeps the version it was rendered with. */
export const ADDENDUM_TEMPLATE_VERSION = '2026-11-24';
export const REPAYMENT_CERTIFICATE_TEMPLATE_VERSION = '2026-11-24';
export const PAYMENT_RECEIPT_TEMPLATE_VERSION = '2026-11-24';

export type AddendumDocumentInput = {
  addendumNumber: string;
  contractNumber: string;
  /** The contract's date: the cap of the rule set in force on it applies. */
  contractDate: IsoDate;
  addendumDate: IsoDate;
  lender: LenderDetails;
  /** `registrationAddress`: the line printed as «Адрес регистрации», when the borrower has given it. */
  borrower: { fullName: string; birthDate: IsoDate; phone: string; registrationAddress?: string | null };
  principalOutstanding: Kopecks;
  /** The interest accrued to the addendum date, to be paid for the addendum to take effect. */
  interestToPay: Kopecks;
  oldDueDate: IsoDate;
  newDueDate: IsoDate;
  extendDays: number;
  dailyRateBp: number;
  /** This prolongation's number, from 1. */
  prolongationNumber: number;
  maxProlongations: number;
  newSchedule: { n: number; dueDate: IsoDate; principal: Kopecks; interest: Kopecks; total: Kopecks }[];
};

export type RepaymentCertificateInput = {
  certificateNumber: string;
  issuedOn: IsoDate;
  lender: LenderDetails;
  borrower: { fullName: string; birthDate: IsoDate; registrationAddress?: string | null };
  contractNumber: string;
  contractDate: IsoDate;
  principal: Kopecks;
  disbursedOn: IsoDate;
  closedOn: IsoDate;
  totalPaid: Kopecks;
  paidPrincipal: Kopecks;
  paidInterest: Kopecks;
  paidPenalty: Kopecks;
};

export type PaymentReceiptInput = {
  receiptNumber: string;
  paymentDate: IsoDate;
  /** When the provider accepted the payment; printed in Moscow time. */
  acceptedAt: Date;
  lender: LenderDetails;
  payerName: string;
  contractNumber: string;
  amount: Kopecks;
  method: 'card' | 'sbp';
  providerPaymentId: string;
  /** How the payment was applied: «Проценты», «Основной долг», «Неустойка», «Переплата»… */
  allocation: { label: string; amount: Kopecks }[];
};

const contractRef = (number: string, date: IsoDate) =>
  `договору потребительского займа ${nb(`№ ${number}`)} от ${formatRuDate(date)}`;

function fail(document: string, problems: string[]): void {
  if (problems.length > 0) throw new Error(`${document}: ${problems.join('; ')}`);
}

function title(layout: Layout, heading: string, subtitle: string): void {
  layout.y += 14;
  layout.paragraph(heading, { bold: true, size: 12.5, align: 'center', gapAfter: 2 });
  layout.paragraph(subtitle, { size: 9, align: 'center', gapAfter: 10 });
}

/** A two-column table of what and how much, with a bold total when there is more than one line. */
function amountsTable(
  layout: Layout,
  heading: string,
  lines: readonly (readonly [string, Kopecks])[],
  total: readonly [string, Kopecks],
): void {
  layout.table(
    [
      { title: heading, width: CONTENT_W - 150 },
      { title: 'Сумма', width: 150, align: 'right' },
    ],
    [
      ...lines.map(([label, amount]) => ({ cells: [label, formatRub(amount)] })),
      { cells: [total[0], formatRub(total[1])], bold: true },
    ],
  );
}

// ─── Дополнительное соглашение (пролонгация) ────────────────────────────────────────────────────────────────

function assertAddendum(input: AddendumDocumentInput): void {
  const problems: string[] = [];
  const last = input.newSchedule[input.newSchedule.length - 1];
  if (!last) problems.push('empty schedule');
  else if (last.dueDate !== input.newDueDate)
    problems.push(`schedule ends ${last.dueDate}, new due date ${input.newDueDate}`);
  for (const i of input.newSchedule)
    if (i.principal + i.interest !== i.total) problems.push(`payment ${i.n}: principal + interest ≠ total`);
  const principal = sum(input.newSchedule.map((i) => i.principal));
  if (principal !== input.principalOutstanding)
    problems.push(`schedule principal ${principal} ≠ outstanding ${input.principalOutstanding}`);
  if (!Number.isInteger(input.extendDays) || input.extendDays < 1)
    problems.push(`extension of ${input.extendDays} days`);
  if (input.newDueDate <= input.oldDueDate)
    problems.push(`new due date ${input.newDueDate} not after ${input.oldDueDate}`);
  if (input.prolongationNumber < 1 || input.prolongationNumber > input.maxProlongations)
    problems.push(`prolongation ${input.prolongationNumber} of at most ${input.maxProlongations}`);
  if (input.interestToPay < 0n) problems.push('negative interest');
  fail(`addendum ${input.addendumNumber}`, problems);
}

/**
 * «Дополнительное соглашение … к договору потребительского займа» extending a payday loan. Throws when the
 * input contradicts itself (a schedule that does not end on the new date, a prolongation beyond the maximum…).
 */
export async function renderAddendumPdf(input: AddendumDocumentInput): Promise<RenderedPdf> {
  assertAddendum(input);
  const cap = ruleSetOn(input.contractDate).totalCostCapPercentOfPrincipal;
  const { lender, borrower } = input;
  const contract = contractRef(input.contractNumber, input.contractDate);
  const heading = `Дополнительное соглашение № ${input.addendumNumber} к ${contract}`;
  const { doc, layout, finish } = await openDocument({
    title: heading,
    author: lender.name,
    subject: `Пролонгация займа от ${formatRuDate(input.addendumDate)}`,
    creator: `Шаблон дополнительного соглашения ${ADDENDUM_TEMPLATE_VERSION}`,
    date: input.addendumDate,
    templateVersion: ADDENDUM_TEMPLATE_VERSION,
  });

  drawLenderBlock(layout, lender);
  title(layout, heading, `о пролонгации займа · дата соглашения ${formatRuDate(input.addendumDate)}`);
  layout.fields(
    [
      ['Заёмщик:', `${borrower.fullName}, дата рождения ${formatRuDate(borrower.birthDate)}`],
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
    `${lender.name} (далее — кредитор) и ${borrower.fullName} (далее — заёмщик) заключили настоящее ` +
      `дополнительное соглашение к ${contract} (далее — договор) о нижеследующем.`,
    { gapAfter: 8 },
  );

  const days = termText(input.extendDays, 'days');
  const clauses = [
    `Срок возврата займа продлевается на ${days}: с ${formatRuDate(input.oldDueDate)} до ` +
      `${formatRuDate(input.newDueDate)}. Новая дата возврата займа — ${formatRuDate(input.newDueDate)}.`,
    `Соглашение вступает в силу при условии, что заёмщик уплатит проценты, начисленные на дату соглашения, ` +
      `в сумме ${formatRub(input.interestToPay)} не позднее ${formatRuDate(input.oldDueDate)}. Если проценты не ` +
      `уплачены в этот срок, соглашение не вступает в силу и договор действует на прежних условиях.`,
    `Процентная ставка не меняется: ${dailyRateText(input.dailyRateBp)}. Проценты начисляются на остаток ` +
      `основного долга за каждый день пользования займом.`,
    `Сумма основного долга на дату соглашения — ${formatRub(input.principalOutstanding)}. Основной долг и ` +
      `проценты за новый срок уплачиваются по графику платежей ниже.`,
    `Пролонгация ${nb(`№ ${input.prolongationNumber}`)} из максимально возможных ${input.maxProlongations} ` +
      `по договору. Пролонгация бесплатна: кредитор не взимает плату за продление срока.`,
    `Соглашение подписывается заёмщиком простой электронной подписью — одноразовым кодом из СМС, направленным ` +
      `на номер ${nb(borrower.phone)}, в соответствии с соглашением об использовании аналога собственноручной ` +
      `подписи (АСП). Код действует только для этого документа.`,
    `В остальном условия договора не меняются. Соглашение является неотъемлемой частью договора.`,
  ];
  for (const [i, text] of clauses.entries()) layout.paragraph(`${i + 1}. ${text}`, { gapAfter: 5 });
  layout.y += 4;

  layout.ensure(60);
  layout.paragraph('ГРАФИК ПЛАТЕЖЕЙ ПОСЛЕ ПРОЛОНГАЦИИ', {
    bold: true,
    size: 10.5,
    align: 'center',
    gapAfter: 5,
  });
  scheduleTable(layout, input.newSchedule, { dateWidth: 90, withRemaining: false, totalOnlyIfMany: true });

  // The legal cap covers everything accrued under the contract, the prolonged term included.
  layout.framed(
    `${capClauseOpening(cap)}. С УЧЁТОМ НАСТОЯЩЕГО СОГЛАШЕНИЯ ОБЩАЯ СУММА НАЧИСЛЕНИЙ ПО ДОГОВОРУ НЕ ПРЕВЫСИТ ` +
      `ЭТОГО ПРЕДЕЛА.`,
  );

  drawSignatures(layout, [
    ['Кредитор', lender.name, `ОГРН ${lender.ogrn}, ИНН ${lender.inn}`],
    ['Заёмщик', borrower.fullName, 'Подписывает простой электронной подписью (одноразовый код из СМС).'],
  ]);
  drawFooters(
    doc,
    `Дополнительное соглашение № ${input.addendumNumber} к договору № ${input.contractNumber} · ` +
      `шаблон ${ADDENDUM_TEMPLATE_VERSION}`,
  );
  return finish();
}

// ─── Справка о погашении задолженности ──────────────────────────────────────────────────────────────────────

function assertCertificate(input: RepaymentCertificateInput): void {
  const problems: string[] = [];
  const parts = input.paidPrincipal + input.paidInterest + input.paidPenalty;
  if ([input.principal, input.paidPrincipal, input.paidInterest, input.paidPenalty].some((a) => a < 0n))
    problems.push('negative amount');
  if (input.totalPaid < parts) problems.push(`total paid ${input.totalPaid} < its parts ${parts}`);
  if (input.closedOn < input.disbursedOn)
    problems.push(`closed ${input.closedOn} before ${input.disbursedOn}`);
  if (input.issuedOn < input.closedOn)
    problems.push(`issued ${input.issuedOn} before closing ${input.closedOn}`);
  fail(`certificate ${input.certificateNumber}`, problems);
}

/** «Справка о погашении задолженности» for a closed loan. */
export async function renderRepaymentCertificatePdf(input: RepaymentCertificateInput): Promise<RenderedPdf> {
  assertCertificate(input);
  const { lender, borrower } = input;
  const contract = contractRef(input.contractNumber, input.contractDate);
  const { doc, layout, finish } = await openDocument({
    title: `Справка о погашении задолженности № ${input.certificateNumber}`,
    author: lender.name,
    subject: `Справка о погашении задолженности по договору № ${input.contractNumber}`,
    creator: `Шаблон справки ${REPAYMENT_CERTIFICATE_TEMPLATE_VERSION}`,
    date: input.issuedOn,
    templateVersion: REPAYMENT_CERTIFICATE_TEMPLATE_VERSION,
  });

  drawLenderBlock(layout, lender);
  title(
    layout,
    'СПРАВКА О ПОГАШЕНИИ ЗАДОЛЖЕННОСТИ',
    `${nb(`№ ${input.certificateNumber}`)} от ${formatRuDate(input.issuedOn)}`,
  );
  layout.paragraph(
    `${lender.name} (далее — кредитор) подтверждает, что обязательства заёмщика ${borrower.fullName}, дата ` +
      `рождения ${formatRuDate(borrower.birthDate)}${
        borrower.registrationAddress ? `, адрес регистрации: ${borrower.registrationAddress}` : ''
      }, по ${contract} исполнены в полном объёме ` +
      `${formatRuDate(input.closedOn)}.`,
    { size: 9.5, gapAfter: 6 },
  );
  layout.paragraph(
    `Заём в сумме ${formatRub(input.principal)} предоставлен ${formatRuDate(input.disbursedOn)}. Задолженность ` +
      `по договору отсутствует: ${formatRub(0n)}. Кредитор претензий к заёмщику по договору не имеет.`,
    { size: 9.5, gapAfter: 10 },
  );

  const lines: [string, Kopecks][] = [
    ['Основной долг', input.paidPrincipal],
    ['Проценты', input.paidInterest],
    ['Неустойка', input.paidPenalty],
  ];
  // The ledger may have credited more than the three debts: show it rather than leave the total unexplained.
  const other = input.totalPaid - input.paidPrincipal - input.paidInterest - input.paidPenalty;
  if (other > 0n) lines.push(['Иные суммы (в том числе переплата)', other]);
  amountsTable(layout, 'Уплачено по договору', lines, ['Итого уплачено', input.totalPaid]);

  layout.paragraph('Документ сформирован автоматически и действителен без подписи.', {
    size: 9,
    gapAfter: 4,
  });
  drawFooters(
    doc,
    `Справка № ${input.certificateNumber} от ${formatRuDate(input.issuedOn)} · ` +
      `шаблон ${REPAYMENT_CERTIFICATE_TEMPLATE_VERSION}`,
  );
  return finish();
}

// ─── Квитанция об оплате ────────────────────────────────────────────────────────────────────────────────────

const METHOD_TEXT: Record<PaymentReceiptInput['method'], string> = {
  card: 'Банковская карта',
  sbp: 'Система быстрых платежей (СБП)',
};

/** 'ДД.ММ.ГГГГ ЧЧ:ММ:СС' in Moscow: the lender's time, whatever the server's zone. */
function moscowDateTime(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

function assertReceipt(input: PaymentReceiptInput): void {
  const problems: string[] = [];
  if (input.amount <= 0n) problems.push(`amount ${input.amount}`);
  const allocated = sum(input.allocation.map((a) => a.amount));
  // An unallocated payment gets a receipt without the breakdown; a breakdown must add up.
  if (input.allocation.length > 0 && allocated !== input.amount)
    problems.push(`allocated ${allocated} ≠ amount ${input.amount}`);
  fail(`receipt ${input.receiptNumber}`, problems);
}

/** «Квитанция об оплате» of one payment credited to a loan. */
export async function renderPaymentReceiptPdf(input: PaymentReceiptInput): Promise<RenderedPdf> {
  assertReceipt(input);
  const { lender } = input;
  const { doc, layout, finish } = await openDocument({
    title: `Квитанция об оплате № ${input.receiptNumber}`,
    author: lender.name,
    subject: `Оплата по договору № ${input.contractNumber}`,
    creator: `Шаблон квитанции ${PAYMENT_RECEIPT_TEMPLATE_VERSION}`,
    date: input.paymentDate,
    templateVersion: PAYMENT_RECEIPT_TEMPLATE_VERSION,
  });

  drawLenderBlock(layout, lender);
  title(
    layout,
    'КВИТАНЦИЯ ОБ ОПЛАТЕ',
    `${nb(`№ ${input.receiptNumber}`)} от ${formatRuDate(input.paymentDate)}`,
  );
  layout.fields(
    [
      ['Получатель:', `${lender.name}, ИНН ${lender.inn}, ОГРН ${lender.ogrn}`],
      ['Плательщик:', input.payerName],
      [
        'Назначение:',
        `Погашение задолженности по договору потребительского займа ${nb(`№ ${input.contractNumber}`)}`,
      ],
      ['Сумма платежа:', formatRub(input.amount)],
      ['Способ оплаты:', METHOD_TEXT[input.method]],
      ['Дата платежа:', formatRuDate(input.paymentDate)],
      ['Платёж принят:', `${moscowDateTime(input.acceptedAt)} (время московское)`],
      ['Идентификатор платежа:', input.providerPaymentId],
      ['Статус:', 'Исполнен'],
    ],
    110,
    9,
  );
  layout.y += 8;
  if (input.allocation.length > 0)
    amountsTable(
      layout,
      'Платёж зачтён в счёт',
      input.allocation.map((a) => [a.label, a.amount] as const),
      ['Итого', input.amount],
    );
  layout.paragraph('Документ сформирован автоматически и действителен без подписи.', {
    size: SMALL_SIZE,
    gapAfter: 4,
  });
  drawFooters(
    doc,
    `Квитанция № ${input.receiptNumber} от ${formatRuDate(input.paymentDate)} · ` +
      `шаблон ${PAYMENT_RECEIPT_TEMPLATE_VERSION}`,
  );
  return finish();
}
