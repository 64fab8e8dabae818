import { addDays, addYears, ageOn, type IsoDate } from './calendar';
import type { LegalRuleSet } from './legal-rules';
import { mulDivRound, type Kopecks } from './money';
import { parsePercentThousandths } from './psk';
import { formatRuDate } from './russian';

/** Why an application was refused or sent to a person; stored with the decision, never shown verbatim. */
export type ReasonCode =
  | 'AGE_BELOW_MIN'
  | 'AGE_ABOVE_MAX'
  | 'PASSPORT_INVALID'
  | 'SELF_BAN'
  | 'UNPAID_HIGH_PSK_LOANS'
  | 'SHORT_LOANS_PER_YEAR'
  | 'ACTIVE_LOAN'
  | 'WAIT_AFTER_HIGH_PSK_LOAN'
  | 'DEBT_LOAD'
  | 'AMOUNT_REDUCED'
  | 'LARGE_FIRST_LOAN'
  | StaffRefusalReason;

/**
 * The closed list of reasons a specialist may refuse an application for (the back office's decision); each has a
 * short text the borrower can act on (`refusalMessage`).
 */
export const STAFF_REFUSAL_REASONS = [
  'INCOME_NOT_CONFIRMED',
  'DATA_MISMATCH',
  'PAYOUT_DETAILS_INVALID',
  'LENDER_POLICY',
] as const;
/** One of STAFF_REFUSAL_REASONS. */
export type StaffRefusalReason = (typeof STAFF_REFUSAL_REASONS)[number];

export type DecisionPolicy = {
  minAge: number;
  maxAge: number;
  /** Share of monthly income the loan's monthly payment may take (ПДН), in percent. */
  maxDebtLoadPercent: number;
  /** A first loan above this amount goes to a specialist. */
  manualReviewFirstLoanAbove: Kopecks;
};

export const DEFAULT_POLICY: DecisionPolicy = {
  minAge: 18,
  maxAge: 75,
  maxDebtLoadPercent: 50,
  manualReviewFirstLoanAbove: 5_000_000n, // 50 000 RUB
};

export type DecisionInput = {
  today: IsoDate;
  ruleSet: LegalRuleSet;
  policy?: DecisionPolicy;
  birthDate: IsoDate;
  passportIssueDate: IsoDate;
  selfBan: boolean;
  /** PSK (percent, decimal string) of each loan the borrower has not repaid yet. */
  unpaidLoanPsks: readonly string[];
  /**
   * The date ('YYYY-MM-DD', lender's zone) the borrower last repaid a loan whose PSK was above 100 % a year,
   * or null if never. Checked against `ruleSet.waitDaysAfterHighPskLoan`.
   */
  lastHighPskLoanRepaidOn?: IsoDate | null;
  shortLoansThisYear: number;
  activeLoans: number;
  productAllowsParallelLoans: boolean;
  firstLoan: boolean;
  monthlyIncome: Kopecks;
  requestedAmount: Kopecks;
  /** The PSK of the offer as asked. */
  offerPskPercent: string;
  /** Monthly payment per ruble of principal, as a fraction: payment(amount) ≈ amount × num / den. */
  monthlyPaymentRatio: { num: bigint; den: bigint };
  /** The amounts the product offers, ascending (min, min + step, …, max). */
  amountOptions: (limit: Kopecks) => Kopecks | null;
};

export type Decision =
  | { outcome: 'approved'; amount: Kopecks; reasons: ReasonCode[] }
  | { outcome: 'refused'; reasons: ReasonCode[]; applyAgainOn?: IsoDate }
  | { outcome: 'manual_review'; reasons: ReasonCode[]; amount: Kopecks };

/**
 * A Russian passport must be replaced at 20 and at 45; it stays usable for 90 days after the birthday
 * while the new one is made.
 */
export function passportValidOn(birthDate: IsoDate, issueDate: IsoDate, today: IsoDate): boolean {
  for (const age of [20, 45]) {
    const birthday = addYears(birthDate, age);
    if (issueDate < birthday && today > addDays(birthday, 90)) return false;
  }
  return true;
}

/** PSK strictly above this (percent a year) starts the waiting period after repayment (from 2027-01-01). */
export const WAIT_PSK_ABOVE_PERCENT = '100';

/**
 * The first day a borrower may get a new loan after repaying a loan with PSK above 100 % on `repaidOn`, under
 * `ruleSet` (the rule set of the day of the new application), or null when that rule set has no waiting period.
 * The wait counts whole days after the repayment day: repaid on 2027-01-10 with 4 days → 2027-01-14.
 * Legal source: the MFO law changes in force from 2027-01-01 (domain-rules §4) [verify: 3 or 4 days].
 */
export function applyAgainAfterHighPskLoan(
  repaidOn: IsoDate | null | undefined,
  ruleSet: Pick<LegalRuleSet, 'waitDaysAfterHighPskLoan'>,
): IsoDate | null {
  if (!repaidOn || ruleSet.waitDaysAfterHighPskLoan === null) return null;
  return addDays(repaidOn, ruleSet.waitDaysAfterHighPskLoan);
}

/** The inputs of the dated legal limits on the number of loans (see `legalLimitRefusals`). */
export type LegalLimitInput = Pick<
  DecisionInput,
  | 'today'
  | 'ruleSet'
  | 'unpaidLoanPsks'
  | 'shortLoansThisYear'
  | 'lastHighPskLoanRepaidOn'
  | 'offerPskPercent'
>;

/**
 * The refusals that the dated rule set `input.ruleSet` (the one of `input.today`) imposes on a new loan, whatever
 * the borrower's person: the limit on unpaid loans by PSK (from 2026-10-01 and 2027-04-01), the short loans a year,
 * and the waiting period after repaying a PSK>100 % loan (from 2027-01-01; `applyAgainOn` is then the first day
 * a new loan is allowed). Used by the decision and again at signing when the rule set changed since.
 */
export function legalLimitRefusals(input: LegalLimitInput): {
  reasons: ReasonCode[];
  applyAgainOn?: IsoDate;
} {
  const reasons: ReasonCode[] = [];
  const offerPsk = parsePercentThousandths(input.offerPskPercent);
  for (const limit of input.ruleSet.unpaidLoanLimits) {
    const threshold = parsePercentThousandths(limit.pskAbovePercent);
    if (offerPsk <= threshold) continue;
    const unpaidAbove = input.unpaidLoanPsks.filter((p) => parsePercentThousandths(p) > threshold).length;
    if (unpaidAbove >= limit.maxUnpaid && !reasons.includes('UNPAID_HIGH_PSK_LOANS'))
      reasons.push('UNPAID_HIGH_PSK_LOANS');
  }
  if (input.shortLoansThisYear >= input.ruleSet.maxShortLoansPerYear) reasons.push('SHORT_LOANS_PER_YEAR');
  const applyAgainOn = applyAgainAfterHighPskLoan(input.lastHighPskLoanRepaidOn, input.ruleSet);
  if (applyAgainOn === null || input.today >= applyAgainOn) return { reasons };
  reasons.push('WAIT_AFTER_HIGH_PSK_LOAN');
  return { reasons, applyAgainOn };
}

/**
 * The automated decision (domain-rules §4): hard legal and policy refusals first, then the debt load, which may
 * lower the amount. The reasons are codes for the record; the borrower sees a short text that does not tell a
 * fraudster which input to tune.
 */
export function decide(input: DecisionInput): Decision {
  const policy = input.policy ?? DEFAULT_POLICY;
  const refusals: ReasonCode[] = [];
  const age = ageOn(input.birthDate, input.today);
  if (age < policy.minAge) refusals.push('AGE_BELOW_MIN');
  if (age > policy.maxAge) refusals.push('AGE_ABOVE_MAX');
  if (!passportValidOn(input.birthDate, input.passportIssueDate, input.today))
    refusals.push('PASSPORT_INVALID');
  if (input.selfBan) refusals.push('SELF_BAN');
  const legal = legalLimitRefusals(input);
  refusals.push(...legal.reasons);
  if (input.activeLoans > 0 && !input.productAllowsParallelLoans) refusals.push('ACTIVE_LOAN');
  const { applyAgainOn } = legal;
  if (refusals.length > 0)
    return applyAgainOn
      ? { outcome: 'refused', reasons: [...new Set(refusals)], applyAgainOn }
      : { outcome: 'refused', reasons: [...new Set(refusals)] };

  // Debt load: the monthly payment may take at most maxDebtLoadPercent of the income.
  const allowedPayment = mulDivRound(input.monthlyIncome, BigInt(policy.maxDebtLoadPercent), 100n, 'down');
  const { num, den } = input.monthlyPaymentRatio;
  const maxPrincipal = num === 0n ? input.requestedAmount : mulDivRound(allowedPayment, den, num, 'down');
  let amount = input.requestedAmount;
  const reasons: ReasonCode[] = [];
  if (maxPrincipal < amount) {
    const reduced = input.amountOptions(maxPrincipal);
    if (reduced === null) return { outcome: 'refused', reasons: ['DEBT_LOAD'] };
    amount = reduced;
    reasons.push('AMOUNT_REDUCED');
  }
  if (input.firstLoan && amount > policy.manualReviewFirstLoanAbove)
    return { outcome: 'manual_review', reasons: ['LARGE_FIRST_LOAN'], amount };
  return { outcome: 'approved', amount, reasons };
}

/**
 * What the borrower reads about a refusal: honest about what they control, silent about scoring. `applyAgainOn`
 * ('YYYY-MM-DD') is the day the waiting period after a PSK>100 % loan ends (`Decision.applyAgainOn`).
 */
export function refusalMessage(reasons: readonly ReasonCode[], applyAgainOn?: IsoDate | null): string {
  if (reasons.includes('SELF_BAN'))
    return 'В кредитной истории установлен самозапрет на заключение договоров займа. Снять его можно на Госуслугах.';
  if (reasons.includes('PASSPORT_INVALID'))
    return 'Срок действия паспорта истёк. Обновите паспортные данные в профиле и подайте заявку снова.';
  if (reasons.includes('INCOME_NOT_CONFIRMED'))
    return 'Мы не смогли подтвердить ваш доход. Подайте новую заявку на меньшую сумму или укажите доход, который можете подтвердить.';
  if (reasons.includes('DATA_MISMATCH'))
    return 'Данные анкеты не совпали с данными проверки. Проверьте паспортные данные в профиле и подайте заявку снова.';
  if (reasons.includes('PAYOUT_DETAILS_INVALID'))
    return 'Не удалось проверить реквизиты для получения денег. Подайте заявку снова, указав другую карту или счёт.';
  if (reasons.includes('ACTIVE_LOAN'))
    return 'У вас уже есть действующий заём. Новый можно будет оформить после его погашения.';
  if (reasons.includes('WAIT_AFTER_HIGH_PSK_LOAN'))
    return applyAgainOn
      ? `После погашения займа с полной стоимостью выше 100 % годовых закон требует перерыва перед новым займом. Подать заявку можно с ${formatRuDate(applyAgainOn)}.`
      : 'После погашения займа с полной стоимостью выше 100 % годовых закон требует перерыва перед новым займом. Подайте заявку через несколько дней.';
  return 'К сожалению, сейчас мы не можем выдать заём. Вы можете подать новую заявку через 30 дней.';
}
