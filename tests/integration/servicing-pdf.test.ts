import { createHash } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { describe, expect, it } from 'vitest';
import { formatRub, rub } from '../../src/domain/money';
import {
  ADDENDUM_TEMPLATE_VERSION,
  PAYMENT_RECEIPT_TEMPLATE_VERSION,
  REPAYMENT_CERTIFICATE_TEMPLATE_VERSION,
  renderAddendumPdf,
  renderPaymentReceiptPdf,
  renderRepaymentCertificatePdf,
  type AddendumDocumentInput,
  type PaymentReceiptInput,
  type RepaymentCertificateInput,
} from '../../src/server/adapters/documents/servicing-pdf';

const LENDER = {
  name: 'ООО МКК «Быстрые займы»',
  ogrn: '1237700000001',
  inn: '7700000001',
  address: '123112, г. Москва, Пресненская наб., д. 12, офис 345',
  registryNumber: '2303045009999',
  website: 'zaymy.example.ru',
  phone: '8 800 555-35-35',
};

/** Any run of whitespace (spaces, NBSP, line ends) as one space: the PDF keeps NBSP, the checks need not care. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** The text of every page, read with pdf.js as a viewer would, whitespace flattened. */
async function readText(pdf: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    const runs = content.items.filter((i): i is TextItem => 'str' in i);
    pages.push(flat(runs.map((i) => i.str + (i.hasEOL ? '\n' : '')).join('')));
  }
  await document.destroy();
  return pages;
}

const expectAll = (text: string, parts: readonly string[]) => {
  for (const part of parts) expect(text).toContain(flat(part));
};

/** The properties every one of the three documents has. */
function itIsADocument(
  render: () => Promise<{ pdf: Buffer; sha256: string; templateVersion: string }>,
  templateVersion: string,
) {
  it('is a PDF with its SHA-256 and template version, PT Sans embedded', async () => {
    const result = await render();
    expect(result.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(result.sha256).toBe(createHash('sha256').update(result.pdf).digest('hex'));
    expect(result.templateVersion).toBe(templateVersion);
    const raw = result.pdf.toString('latin1');
    expect(raw).toContain('PTSans-Regular');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('gives the same bytes whenever it is rendered', async () => {
    const a = await render();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a clock leaking in would show in the seconds
    const b = await render();
    expect(b.sha256).toBe(a.sha256);
    expect(b.pdf.equals(a.pdf)).toBe(true);
  });

  it('numbers its pages', async () => {
    const pages = await readText((await render()).pdf);
    for (const [n, page] of pages.entries()) expect(page).toContain(`Страница ${n + 1} из ${pages.length}`);
  });
}

// ─── the addendum ───────────────────────────────────────────────────────────────────────────────────────────

function addendum(extendDays: number, overrides: Partial<AddendumDocumentInput> = {}): AddendumDocumentInput {
  const oldDueDate = '2026-06-09';
  const newDueDate = new Date(Date.parse(`${oldDueDate}T00:00:00Z`) + extendDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const principal = rub(10000);
  const interest = (principal * 80n * BigInt(extendDays)) / 10_000n;
  return {
    addendumNumber: 'З-2026-000123/П2-17',
    contractNumber: 'З-2026-000123',
    contractDate: '2026-05-10',
    addendumDate: '2026-06-05',
    lender: LENDER,
    borrower: { fullName: 'Иванов Иван Иванович', birthDate: '1990-02-01', phone: '+7 916 123-45-67' },
    principalOutstanding: principal,
    interestToPay: rub('2080.50'),
    oldDueDate,
    newDueDate,
    extendDays,
    dailyRateBp: 80,
    prolongationNumber: 2,
    maxProlongations: 5,
    newSchedule: [{ n: 1, dueDate: newDueDate, principal, interest, total: principal + interest }],
    ...overrides,
  };
}

describe('the prolongation addendum', () => {
  const input = addendum(14);
  itIsADocument(() => renderAddendumPdf(input), ADDENDUM_TEMPLATE_VERSION);

  it('names the addendum, the contract, the parties and the terms', async () => {
    const text = (await readText((await renderAddendumPdf(input)).pdf)).join(' ');
    const [payment] = input.newSchedule;
    expect(formatRub(input.interestToPay)).toBe('2\u00a0080,50\u00a0₽');
    expectAll(text, [
      'Дополнительное соглашение № З-2026-000123/П2-17 к договору потребительского займа № З-2026-000123 от 10.05.2026',
      'дата соглашения 05.06.2026',
      'ООО МКК «Быстрые займы» (далее — кредитор) и Иванов Иван Иванович (далее — заёмщик)',
      'Иванов Иван Иванович, дата рождения 01.02.1990',
      '+7 916 123-45-67',
      'Срок возврата займа продлевается на 14 дней: с 09.06.2026 до 23.06.2026',
      'Соглашение вступает в силу при условии, что заёмщик уплатит проценты, начисленные на дату соглашения, в сумме 2 080,50 ₽ не позднее 09.06.2026',
      'Процентная ставка не меняется: 0,8 % в день (292,000 % годовых)',
      'Сумма основного долга на дату соглашения — 10 000 ₽',
      `1 23.06.2026 10 000 ₽ ${formatRub(payment!.interest)} ${formatRub(payment!.total)}`,
      'Пролонгация № 2 из максимально возможных 5',
      'Пролонгация бесплатна',
      'простой электронной подписью — одноразовым кодом из СМС',
      'аналога собственноручной подписи (АСП)',
    ]);
    expect(formatRub(payment!.interest)).toBe('1\u00a0120\u00a0₽');
  });

  it('prints the cap of the rule set in force on the contract date', async () => {
    const text = async (contractDate: string) =>
      (await readText((await renderAddendumPdf({ ...input, contractDate })).pdf)).join(' ');
    const opening = 'ПРЕКРАЩАЕТСЯ, ЕСЛИ ИХ ОБЩАЯ СУММА ДОСТИГНЕТ';
    const after = await text('2026-05-10');
    expect(after).toContain(`${opening} 100 ПРОЦЕНТОВ РАЗМЕРА СУММЫ ПРЕДОСТАВЛЕННОГО ЗАЙМА`);
    expect(after).toContain('ОБЩАЯ СУММА НАЧИСЛЕНИЙ ПО ДОГОВОРУ НЕ ПРЕВЫСИТ ЭТОГО ПРЕДЕЛА');
    expect(await text('2026-03-31')).toContain(`${opening} 130 ПРОЦЕНТОВ`);
  });

  it.each([
    [1, '1 день', '10.06.2026'],
    [3, '3 дня', '12.06.2026'],
    [11, '11 дней', '20.06.2026'],
    [21, '21 день', '30.06.2026'],
    [22, '22 дня', '01.07.2026'],
    [30, '30 дней', '09.07.2026'],
  ])('extends by %i: «%s»', async (days, words, newDate) => {
    const text = (await readText((await renderAddendumPdf(addendum(days))).pdf)).join(' ');
    expect(text).toContain(`продлевается на ${words}: с 09.06.2026 до ${newDate}`);
  });

  it('gives another hash for another term', async () => {
    const [a, b] = await Promise.all([renderAddendumPdf(addendum(14)), renderAddendumPdf(addendum(15))]);
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('refuses an input that contradicts itself', async () => {
    await expect(renderAddendumPdf({ ...input, newDueDate: '2026-06-30' })).rejects.toThrow(/schedule ends/);
    await expect(renderAddendumPdf({ ...input, principalOutstanding: rub(9000) })).rejects.toThrow(
      /outstanding/,
    );
    await expect(renderAddendumPdf({ ...input, prolongationNumber: 6 })).rejects.toThrow(/prolongation 6/);
    await expect(renderAddendumPdf({ ...input, newSchedule: [] })).rejects.toThrow(/empty schedule/);
  });
});

// ─── the certificate of repayment ───────────────────────────────────────────────────────────────────────────

const CERTIFICATE: RepaymentCertificateInput = {
  certificateNumber: 'З-2026-000123/С',
  issuedOn: '2026-06-10',
  lender: LENDER,
  borrower: { fullName: 'Иванов Иван Иванович', birthDate: '1990-02-01' },
  contractNumber: 'З-2026-000123',
  contractDate: '2026-05-10',
  principal: rub(10000),
  disbursedOn: '2026-05-10',
  closedOn: '2026-06-09',
  totalPaid: rub('12500.50'),
  paidPrincipal: rub(10000),
  paidInterest: rub('2400.50'),
  paidPenalty: rub(100),
};

describe('the certificate of repayment', () => {
  itIsADocument(() => renderRepaymentCertificatePdf(CERTIFICATE), REPAYMENT_CERTIFICATE_TEMPLATE_VERSION);

  it('certifies the contract repaid in full, with what was paid and the lender’s requisites', async () => {
    const text = (await readText((await renderRepaymentCertificatePdf(CERTIFICATE)).pdf)).join(' ');
    expectAll(text, [
      'СПРАВКА О ПОГАШЕНИИ ЗАДОЛЖЕННОСТИ',
      '№ З-2026-000123/С от 10.06.2026',
      'ООО МКК «Быстрые займы» (далее — кредитор) подтверждает, что обязательства заёмщика Иванов Иван Иванович, дата рождения 01.02.1990, по договору потребительского займа № З-2026-000123 от 10.05.2026 исполнены в полном объёме 09.06.2026',
      'Заём в сумме 10 000 ₽ предоставлен 10.05.2026',
      'Задолженность по договору отсутствует: 0 ₽',
      'Кредитор претензий к заёмщику по договору не имеет',
      'Уплачено по договору Сумма',
      'Основной долг 10 000 ₽',
      'Проценты 2 400,50 ₽',
      'Неустойка 100 ₽',
      'Итого уплачено 12 500,50 ₽',
      'ОГРН 1237700000001, ИНН 7700000001',
      'государственном реестре микрофинансовых организаций: 2303045009999',
      'Адрес: 123112, г. Москва, Пресненская наб., д. 12, офис 345',
      'Документ сформирован автоматически и действителен без подписи.',
    ]);
    expect(text).not.toContain('Иные суммы');
  });

  it('shows what was paid beyond the debts', async () => {
    const pdf = (await renderRepaymentCertificatePdf({ ...CERTIFICATE, totalPaid: rub('12600.50') })).pdf;
    const text = (await readText(pdf)).join(' ');
    expectAll(text, ['Иные суммы (в том числе переплата) 100 ₽', 'Итого уплачено 12 600,50 ₽']);
  });

  it('refuses a total below its parts', async () => {
    await expect(renderRepaymentCertificatePdf({ ...CERTIFICATE, totalPaid: rub(12000) })).rejects.toThrow(
      /total paid/,
    );
  });
});

// ─── the payment receipt ────────────────────────────────────────────────────────────────────────────────────

const RECEIPT: PaymentReceiptInput = {
  receiptNumber: '3F2A9C10',
  paymentDate: '2026-06-09',
  // 23:30 UTC on the 8th is already the 9th in Moscow.
  acceptedAt: new Date('2026-06-08T23:30:15.123Z'),
  lender: LENDER,
  payerName: 'Иванов Иван Иванович',
  contractNumber: 'З-2026-000123',
  amount: rub('12500.50'),
  method: 'sbp',
  providerPaymentId: '2f7c1a9e-000f-5000-9000-1b3c5d7e9f01',
  allocation: [
    { label: 'Проценты', amount: rub('2400.50') },
    { label: 'Основной долг', amount: rub(10000) },
    { label: 'Переплата', amount: rub(100) },
  ],
};

describe('the payment receipt', () => {
  itIsADocument(() => renderPaymentReceiptPdf(RECEIPT), PAYMENT_RECEIPT_TEMPLATE_VERSION);

  it('has the payment, its time in Moscow and how it was applied', async () => {
    const text = (await readText((await renderPaymentReceiptPdf(RECEIPT)).pdf)).join(' ');
    expectAll(text, [
      'КВИТАНЦИЯ ОБ ОПЛАТЕ',
      '№ 3F2A9C10 от 09.06.2026',
      'Получатель: ООО МКК «Быстрые займы», ИНН 7700000001, ОГРН 1237700000001',
      'Плательщик: Иванов Иван Иванович',
      'Погашение задолженности по договору потребительского займа № З-2026-000123',
      'Сумма платежа: 12 500,50 ₽',
      'Способ оплаты: Система быстрых платежей (СБП)',
      'Дата платежа: 09.06.2026',
      '09.06.2026 02:30:15 (время московское)',
      '2f7c1a9e-000f-5000-9000-1b3c5d7e9f01',
      'Проценты 2 400,50 ₽',
      'Основной долг 10 000 ₽',
      'Переплата 100 ₽',
      'Итого 12 500,50 ₽',
      'Документ сформирован автоматически и действителен без подписи.',
    ]);
  });

  it('names a card payment as such and skips a missing breakdown', async () => {
    const pdf = (await renderPaymentReceiptPdf({ ...RECEIPT, method: 'card', allocation: [] })).pdf;
    const text = (await readText(pdf)).join(' ');
    expect(text).toContain('Способ оплаты: Банковская карта');
    expect(text).not.toContain('Платёж зачтён в счёт');
  });

  it('depends on the acceptance time given, not on the clock', async () => {
    const a = await renderPaymentReceiptPdf(RECEIPT);
    const b = await renderPaymentReceiptPdf({ ...RECEIPT, acceptedAt: new Date('2026-06-08T23:30:16Z') });
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('refuses a breakdown that does not add up', async () => {
    await expect(renderPaymentReceiptPdf({ ...RECEIPT, amount: rub(12000) })).rejects.toThrow(/allocated/);
  });
});
