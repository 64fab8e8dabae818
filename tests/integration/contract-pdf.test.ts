import { createHash } from 'node:crypto';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatRub, rub } from '../../src/domain/money';
import { quote } from '../../src/domain/quote';
import type { Quote } from '../../src/domain/quote';
import {
  CONTRACT_TEMPLATE_VERSION,
  renderContractPdf,
  type ContractDocumentInput,
} from '../../src/server/adapters/documents/contract-pdf';
import { INSTALMENT, PAYDAY } from '../support/products';

function contract(q: Quote, contractDate: string, productName: string): ContractDocumentInput {
  return {
    contractNumber: 'З-2026-000123',
    contractDate,
    lender: {
      name: 'ООО МКК «Быстрые займы»',
      ogrn: '1237700000001',
      inn: '7700000001',
      address: '123112, г. Москва, Пресненская наб., д. 12, офис 345',
      registryNumber: '2303045009999',
      website: 'zaymy.example.ru',
      phone: '8 800 555-35-35',
    },
    borrower: {
      fullName: 'Иванов Иван Иванович',
      birthDate: '1990-02-01',
      passport: '45 10 123456, выдан ГУ МВД России по г. Москве 15.03.2015, код подразделения 770-001',
      phone: '+7 916 123-45-67',
    },
    product: { name: productName, kind: q.kind },
    quote: q,
    principal: q.amount,
    dailyRateBp: q.dailyRateBp,
    payoutMethod: 'на банковскую карту •••• 4242',
    penaltyText:
      '20 % годовых на сумму просроченного основного долга за каждый день просрочки, пока на неё начисляются проценты; после прекращения начисления процентов — 0,1 % в день',
  };
}

const paydayQuote = (amount = rub(10000)) =>
  quote({ product: PAYDAY, amount, term: { days: 30 }, startDate: '2026-05-10' });
const PAYDAY_INPUT = contract(paydayQuote(), '2026-05-10', 'До зарплаты');
const INSTALMENT_INPUT = contract(
  quote({ product: INSTALMENT, amount: rub(30000), term: { weeks: 24 }, startDate: '2026-03-31' }),
  '2026-03-31',
  'Частями',
);

/** Any run of whitespace (spaces, NBSP, line ends) as one space: the PDF keeps NBSP, the checks need not care. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

type Box = { x0: number; y0: number; x1: number; y1: number };
type Page = {
  width: number;
  height: number;
  text: string;
  /** Text runs with their box in PDF user space (origin at the lower left). */
  items: { str: string; box: Box }[];
  /** Stroked paths (frames, cell borders), bounding boxes in PDF user space. */
  strokes: Box[];
};

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  n[0] * m[0] + n[1] * m[2],
  n[0] * m[1] + n[1] * m[3],
  n[2] * m[0] + n[3] * m[2],
  n[2] * m[1] + n[3] * m[3],
  n[4] * m[0] + n[5] * m[2] + m[4],
  n[4] * m[1] + n[5] * m[3] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/** Text (with positions) and stroked paths of every page, read with pdf.js as a viewer would. */
async function readPdf(pdf: Buffer): Promise<Page[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: Page[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const runs = content.items.filter((i): i is TextItem => 'str' in i);
    const items = runs.map((i) => {
      const [, , , , x, y] = i.transform as Matrix;
      return { str: i.str, box: { x0: x, y0: y, x1: x + i.width, y1: y + i.height } };
    });
    const text = runs.map((i) => i.str + (i.hasEOL ? '\n' : '')).join('');

    // Track the current transformation matrix through save/restore/transform to place the paths.
    const ops = await page.getOperatorList();
    const strokes: Box[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    ops.fnArray.forEach((fn, k) => {
      const args = ops.argsArray[k] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === OPS.constructPath) {
        const [op, , minMax] = args as [number, unknown, ArrayLike<number> | null];
        if (!minMax || (op !== OPS.stroke && op !== OPS.closeStroke)) return;
        const [ax, ay] = apply(ctm, minMax[0]!, minMax[1]!);
        const [bx, by] = apply(ctm, minMax[2]!, minMax[3]!);
        strokes.push({
          x0: Math.min(ax, bx),
          y0: Math.min(ay, by),
          x1: Math.max(ax, bx),
          y1: Math.max(ay, by),
        });
      }
    });
    pages.push({ width, height, text, items, strokes });
  }
  await document.destroy();
  return pages;
}

const inside = (inner: Box, outer: Box) =>
  inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 && inner.y1 <= outer.y1;
const area = (b: Box) => (b.x1 - b.x0) * (b.y1 - b.y0);
const cyrillicShare = (s: string) => {
  const letters = s.match(/\p{L}/gu) ?? [];
  return letters.filter((c) => /\p{Script=Cyrillic}/u.test(c)).length / letters.length;
};
const ruDate = (iso: string) => iso.split('-').reverse().join('.');

describe.each([
  { name: 'payday, signed 2026-05-10', input: PAYDAY_INPUT, cap: 100, other: 130 },
  { name: 'instalment, signed 2026-03-31', input: INSTALMENT_INPUT, cap: 130, other: 100 },
])('the contract PDF: $name', ({ input, cap, other }) => {
  let result: Awaited<ReturnType<typeof renderContractPdf>>;
  let pages: Page[];
  let first: Page;
  let firstText: string;
  beforeAll(async () => {
    result = await renderContractPdf(input);
    pages = await readPdf(result.pdf);
    first = pages[0]!;
    firstText = flat(first.text);
  });

  it('is a PDF of the current template with its SHA-256', () => {
    expect(result.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(result.templateVersion).toBe(CONTRACT_TEMPLATE_VERSION);
    expect(result.sha256).toBe(createHash('sha256').update(result.pdf).digest('hex'));
  });

  it('embeds its own Cyrillic font and no standard one', () => {
    const raw = result.pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('PTSans-Regular');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('shows the PSK in percent and in rubles on page 1', () => {
    const percent = `${input.quote.pskPercent.replace('.', ',')} %`;
    if (input.quote.kind === 'payday') expect(percent).toBe('292,000 %');
    expect(firstText).toContain(`Полная стоимость займа: ${percent} годовых`);
    expect(firstText).toContain(
      flat(`Полная стоимость займа в денежном выражении: ${formatRub(input.quote.pskRub)}`),
    );
  });

  it('puts the PSK frames in the upper right quarter of page 1, at least 5 % of the page', () => {
    const { width, height } = first;
    const psk = first.items.filter((i) => /Полная стоимость займа|годовых$|₽$/.test(i.str.trim()));
    const percentItem = psk.find((i) => i.str.includes(input.quote.pskPercent.replace('.', ',')));
    const rubItem = psk.find((i) => flat(i.str) === flat(formatRub(input.quote.pskRub)));
    expect(percentItem).toBeDefined();
    expect(rubItem).toBeDefined();
    const frames = [percentItem!, rubItem!].map((item) => {
      const frame = first.strokes.find((s) => inside(item.box, s));
      expect(frame, `a frame around «${item.str}»`).toBeDefined();
      return frame!;
    });
    expect(frames[0]).not.toEqual(frames[1]);
    for (const frame of frames) {
      expect(frame.x0).toBeGreaterThanOrEqual(width / 2);
      expect(frame.y0).toBeGreaterThanOrEqual(height / 2);
      expect(frame.x1).toBeLessThanOrEqual(width);
      expect(frame.y1).toBeLessThanOrEqual(height);
    }
    // Nothing on the page is drawn above the frames.
    const top = Math.max(...frames.map((f) => f.y1));
    expect(first.items.every((i) => i.box.y1 <= top + 1)).toBe(true);
    expect(frames.reduce((s, f) => s + area(f), 0) / (width * height)).toBeGreaterThanOrEqual(0.05);
  });

  it(`prints the cap clause with ${cap} % on page 1 before the table of individual terms`, () => {
    const clause = `ДОСТИГНЕТ ${cap} ПРОЦЕНТОВ РАЗМЕРА СУММЫ ПРЕДОСТАВЛЕННОГО ЗАЙМА (${flat(formatRub(input.quote.accrualCap))})`;
    const heading = 'ИНДИВИДУАЛЬНЫЕ УСЛОВИЯ ДОГОВОРА ПОТРЕБИТЕЛЬСКОГО ЗАЙМА';
    expect(firstText).toContain(
      'НАЧИСЛЕНИЕ ПРОЦЕНТОВ, НЕУСТОЙКИ (ШТРАФОВ, ПЕНИ), ИНЫХ МЕР ОТВЕТСТВЕННОСТИ ПО ДОГОВОРУ',
    );
    expect(firstText).toContain(clause);
    expect(firstText).toContain('ПОСЛЕ ВОЗНИКНОВЕНИЯ ПРОСРОЧКИ ИСПОЛНЕНИЯ ОБЯЗАТЕЛЬСТВА');
    expect(firstText).not.toContain(`${other} ПРОЦЕНТОВ`);
    expect(firstText).toContain(heading);
    expect(firstText.indexOf('Полная стоимость займа')).toBeLessThan(firstText.indexOf(clause));
    expect(firstText.indexOf(clause)).toBeLessThan(firstText.indexOf(heading));
    expect(firstText.indexOf(heading)).toBeLessThan(firstText.indexOf('Сумма займа'));
  });

  it('has the header: lender, contract number and date, borrower', () => {
    for (const s of [
      'ООО МКК «Быстрые займы»',
      'ОГРН 1237700000001, ИНН 7700000001',
      'государственном реестре микрофинансовых организаций: 2303045009999',
      `ДОГОВОР ПОТРЕБИТЕЛЬСКОГО ЗАЙМА № З-2026-000123`,
      `от ${ruDate(input.contractDate)}`,
      'Иванов Иван Иванович, дата рождения 01.02.1990',
      '45 10 123456, выдан ГУ МВД России по г. Москве 15.03.2015, код подразделения 770-001',
    ])
      expect(firstText).toContain(flat(s));
  });

  it('has the numbered individual terms', () => {
    const all = flat(pages.map((p) => p.text).join('\n'));
    const rate =
      input.quote.dailyRateBp === 80
        ? '0,8 % в день (292,000 % годовых)'
        : '0,5 % в день (182,500 % годовых)';
    for (const s of [
      `1 Сумма займа или лимит кредитования и порядок его изменения ${formatRub(input.principal)}`,
      '2 Срок действия договора, срок возврата займа',
      input.quote.kind === 'payday' ? 'Срок возврата займа — 30 дней' : 'Срок возврата займа — 24 недели',
      '3 Валюта, в которой предоставляется заём Российский рубль',
      rate,
      '6 Количество, размер и периодичность (сроки) платежей',
      '7 Порядок изменения количества, размера и периодичности (сроков) платежей при частичном досрочном возврате займа',
      '8 Способы исполнения заёмщиком обязательств по договору',
      `12 Ответственность заёмщика за ненадлежащее исполнение условий договора`,
      input.penaltyText,
      'Уступка кредитором третьим лицам прав (требований) по договору запрещена',
      '14 Согласие заёмщика с общими условиями договора',
      '17 Способ получения займа На банковскую карту •••• 4242. Заём предоставляется в безналичной форме.',
      '18 Подписание договора',
      'простой электронной подписью — одноразовым кодом из СМС',
    ])
      expect(all).toContain(flat(s));
  });

  it('has every payment of the schedule and the totals', () => {
    const all = flat(pages.map((p) => p.text).join('\n'));
    const schedule = all.slice(all.indexOf('ГРАФИК ПЛАТЕЖЕЙ'));
    const cells = (parts: string[]) => flat(parts.join(' '));
    for (const i of input.quote.schedule)
      expect(schedule).toContain(
        cells([
          String(i.n),
          ruDate(i.dueDate),
          formatRub(i.principal),
          formatRub(i.interest),
          formatRub(i.total),
          formatRub(i.remainingPrincipal),
        ]),
      );
    expect(schedule).toContain(
      cells([
        'Итого',
        formatRub(input.principal),
        formatRub(input.quote.totalInterest),
        formatRub(input.quote.totalToRepay),
      ]),
    );
  });

  it('is in Russian and numbers its pages', () => {
    for (const [n, page] of pages.entries()) {
      expect(cyrillicShare(page.text)).toBeGreaterThan(0.9);
      expect(flat(page.text)).toContain(`Страница ${n + 1} из ${pages.length}`);
    }
  });
});

describe('the contract PDF is reproducible', () => {
  it('gives the same bytes for the same input, whenever it is rendered', async () => {
    const a = await renderContractPdf(PAYDAY_INPUT);
    const b = await renderContractPdf(structuredClone(PAYDAY_INPUT));
    expect(b.sha256).toBe(a.sha256);
    expect(b.pdf.equals(a.pdf)).toBe(true);
  });

  it('gives another hash for another principal', async () => {
    const q = paydayQuote(rub(11000));
    const a = await renderContractPdf(PAYDAY_INPUT);
    const b = await renderContractPdf({ ...PAYDAY_INPUT, quote: q, principal: q.amount });
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('refuses an input that contradicts its quote', async () => {
    await expect(renderContractPdf({ ...PAYDAY_INPUT, principal: rub(20000) })).rejects.toThrow(/principal/);
    // Priced under the 130 % rules, dated under the 100 % ones: the cap clause would be wrong.
    await expect(renderContractPdf({ ...INSTALMENT_INPUT, contractDate: '2026-05-10' })).rejects.toThrow(
      /rule set/,
    );
  });
});
