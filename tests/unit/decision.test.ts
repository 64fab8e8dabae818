import { describe, expect, it } from 'vitest';
import { decide, passportValidOn, refusalMessage, type DecisionInput } from '../../src/domain/decision';
import { ruleSetOn } from '../../src/domain/legal-rules';

const step = 100_000n; // 1 000 RUB
const options = (limit: bigint) => {
  if (limit < 100_000n) return null;
  const capped = limit > 3_000_000n ? 3_000_000n : limit;
  return (capped / step) * step;
};

const base: DecisionInput = {
  today: '2026-11-24',
  ruleSet: ruleSetOn('2026-11-24'),
  birthDate: '1990-05-10',
  passportIssueDate: '2010-06-01',
  selfBan: false,
  unpaidLoanPsks: [],
  shortLoansThisYear: 0,
  activeLoans: 0,
  productAllowsParallelLoans: false,
  firstLoan: false,
  monthlyIncome: 6_000_000n, // 60 000 RUB
  requestedAmount: 1_000_000n, // 10 000 RUB
  offerPskPercent: '292.000',
  // 10 000 RUB → 12 400 RUB in one payment within a month
  monthlyPaymentRatio: { num: 1_240_000n, den: 1_000_000n },
  amountOptions: options,
};

describe('decide', () => {
  it.each<[string, Partial<DecisionInput>, ReturnType<typeof decide>]>([
    ['an ordinary repeat borrower', {}, { outcome: 'approved', amount: 1_000_000n, reasons: [] }],
    [
      '17 years old',
      { birthDate: '2009-01-01', passportIssueDate: '2023-02-01' },
      { outcome: 'refused', reasons: ['AGE_BELOW_MIN'] },
    ],
    [
      '76 years old',
      { birthDate: '1950-01-01', passportIssueDate: '1995-02-01' },
      { outcome: 'refused', reasons: ['AGE_ABOVE_MAX'] },
    ],
    [
      'a passport not replaced at 45',
      { birthDate: '1980-01-01', passportIssueDate: '2000-02-01' },
      { outcome: 'refused', reasons: ['PASSPORT_INVALID'] },
    ],
    ['a self-ban', { selfBan: true }, { outcome: 'refused', reasons: ['SELF_BAN'] }],
    [
      'two unpaid loans above 200 % PSK and the offer above 200 %',
      { unpaidLoanPsks: ['292.000', '250.000'] },
      { outcome: 'refused', reasons: ['UNPAID_HIGH_PSK_LOANS'] },
    ],
    [
      'two unpaid loans above 200 % but the offer at 0 %',
      { unpaidLoanPsks: ['292.000', '250.000'], offerPskPercent: '0.000' },
      { outcome: 'approved', amount: 1_000_000n, reasons: [] },
    ],
    [
      'the same two loans before the limit came into force',
      { unpaidLoanPsks: ['292.000', '250.000'], ruleSet: ruleSetOn('2026-09-30') },
      { outcome: 'approved', amount: 1_000_000n, reasons: [] },
    ],
    [
      'nine short loans this year',
      { shortLoansThisYear: 9 },
      { outcome: 'refused', reasons: ['SHORT_LOANS_PER_YEAR'] },
    ],
    ['an active loan', { activeLoans: 1 }, { outcome: 'refused', reasons: ['ACTIVE_LOAN'] }],
    [
      'an active loan on a product allowing more',
      { activeLoans: 1, productAllowsParallelLoans: true },
      { outcome: 'approved', amount: 1_000_000n, reasons: [] },
    ],
    [
      // 50 % of 15 000 = 7 500 RUB a month; 7 500 / 1.24 = 6 048.38 → 6 000 RUB
      'income too low for the amount: offered less',
      { monthlyIncome: 1_500_000n },
      { outcome: 'approved', amount: 600_000n, reasons: ['AMOUNT_REDUCED'] },
    ],
    [
      'income too low for any amount',
      { monthlyIncome: 150_000n },
      { outcome: 'refused', reasons: ['DEBT_LOAD'] },
    ],
    [
      'a large first loan',
      {
        firstLoan: true,
        requestedAmount: 6_000_000n,
        monthlyIncome: 50_000_000n,
        amountOptions: () => 6_000_000n,
      },
      { outcome: 'manual_review', reasons: ['LARGE_FIRST_LOAN'], amount: 6_000_000n },
    ],
  ])('%s', (_name, override, expected) => {
    expect(decide({ ...base, ...override })).toEqual(expected);
  });
});

describe('passportValidOn', () => {
  it.each([
    ['1990-05-10', '2004-06-01', '2010-08-09', false, 'issued at 14, not replaced at 20, 90 days passed'],
    ['1990-05-10', '2004-06-01', '2010-08-08', true, 'within 90 days of the 20th birthday'],
    ['1990-05-10', '2010-06-01', '2026-11-24', true, 'replaced at 20'],
    ['1980-01-01', '2000-02-01', '2025-04-02', false, 'not replaced at 45'],
  ])('%s / %s on %s → %s (%s)', (birth, issue, today, valid) => {
    expect(passportValidOn(birth, issue, today)).toBe(valid);
  });
});

describe('refusalMessage', () => {
  it('names what the borrower controls and nothing of scoring', () => {
    expect(refusalMessage(['SELF_BAN'])).toContain('самозапрет');
    expect(refusalMessage(['DEBT_LOAD'])).toBe(
      'К сожалению, сейчас мы не можем выдать заём. Вы можете подать новую заявку через 30 дней.',
    );
  });
});

describe('the waiting period after repaying a loan with PSK above 100 % (rule sets from 2027-01-01)', () => {
  const on = (today: string, repaidOn: string | null): DecisionInput => ({
    ...base,
    today,
    ruleSet: ruleSetOn(today),
    lastHighPskLoanRepaidOn: repaidOn,
  });
  it.each<[string, string | null, ReturnType<typeof decide>]>([
    ['2026-12-31', '2026-12-30', { outcome: 'approved', amount: 1_000_000n, reasons: [] }],
    // From 2027-01-01 the rule set of the application day has 4 days: 2026-12-30 + 4 = 2027-01-03.
    [
      '2027-01-01',
      '2026-12-30',
      { outcome: 'refused', reasons: ['WAIT_AFTER_HIGH_PSK_LOAN'], applyAgainOn: '2027-01-03' },
    ],
    [
      '2027-01-02',
      '2026-12-30',
      { outcome: 'refused', reasons: ['WAIT_AFTER_HIGH_PSK_LOAN'], applyAgainOn: '2027-01-03' },
    ],
    ['2027-01-03', '2026-12-30', { outcome: 'approved', amount: 1_000_000n, reasons: [] }],
    [
      '2027-01-04',
      '2027-01-01',
      { outcome: 'refused', reasons: ['WAIT_AFTER_HIGH_PSK_LOAN'], applyAgainOn: '2027-01-05' },
    ],
    ['2027-01-05', '2027-01-01', { outcome: 'approved', amount: 1_000_000n, reasons: [] }],
    ['2027-01-02', null, { outcome: 'approved', amount: 1_000_000n, reasons: [] }],
  ])('applying on %s after repaying on %s', (today, repaidOn, expected) => {
    expect(decide(on(today, repaidOn))).toEqual(expected);
  });

  it('tells the borrower the day they can apply again', () => {
    expect(refusalMessage(['WAIT_AFTER_HIGH_PSK_LOAN'], '2027-01-03')).toBe(
      'После погашения займа с полной стоимостью выше 100 % годовых закон требует перерыва перед новым займом. Подать заявку можно с 03.01.2027.',
    );
  });
});
