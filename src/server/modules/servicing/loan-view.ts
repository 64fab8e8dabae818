import type { LoanView, PaymentView, ProlongationView } from '../../../contracts/servicing';
import type { IsoDate } from '../../../domain/calendar';
import {
  accruedOf,
  balancesOn,
  isServiced,
  nextPaymentOf,
  payoffOn,
  scheduleOn,
  totalDebt,
  type LoanPosition,
} from '../../../domain/loan-position';
import { LOAN_STATUS_LABELS } from '../../../domain/labels';
import { toWire } from '../../../domain/money';
import { formatRuDate } from '../../../domain/russian';
import type { Deps } from '../../deps';
import type { ProlongationCheck } from './check-prolongation';
import type { LoanRow } from './loan-repository';
import { instalmentView } from './schedule-view';

/** Everything the loan card shows, read and computed by getLoan. */
export type LoanViewInput = {
  loan: LoanRow;
  position: LoanPosition;
  contract: { number: string; contractDate: IsoDate };
  productName: string;
  today: IsoDate;
  payments: PaymentView[];
  prolongations: ProlongationView[];
  /** The open prolongation (awaiting signature or payment), if any. */
  currentProlongation: ProlongationView | null;
  prolongationCheck: ProlongationCheck;
};

/**
 * The borrower's loan card on the wire: balances, payoff today and the next payment (kopecks as strings), the
 * schedule, prolongations, payments and the bank-transfer details. Every figure comes from the one position on
 * today (domain/loan-position.ts): the balances with today's accrual, whose total is the payoff; the schedule
 * with each row's status; the next payment, never 0 ₽.
 */
export function loanView(deps: Pick<Deps, 'config'>, input: LoanViewInput): LoanView {
  const { loan, position, contract, today, prolongationCheck: check } = input;
  const balances = balancesOn(position, today);
  const next = nextPaymentOf(position, today);
  const prolongationDays = deps.config.servicing.prolongationDays;
  return {
    id: loan.id,
    applicationId: loan.applicationId,
    contractId: loan.contractId,
    contractNumber: contract.number,
    contractDate: contract.contractDate,
    productName: input.productName,
    kind: loan.kind,
    status: loan.status,
    statusText: LOAN_STATUS_LABELS[loan.status],
    principal: toWire(loan.principal),
    dailyRateBp: loan.dailyRateBp,
    pskPercent: loan.pskPercent,
    disbursedOn: loan.disbursedOn,
    closedOn: loan.closedOn,
    today,
    balances: {
      principal: toWire(balances.principal),
      principalOverdue: toWire(balances.principalOverdue),
      interest: toWire(balances.interest),
      interestOverdue: toWire(balances.interestOverdue),
      penalty: toWire(balances.penalty),
      overpayment: toWire(-balances.overpayment),
      total: toWire(totalDebt(balances)),
    },
    accrued: toWire(accruedOf(balances)),
    accrualCap: toWire(loan.accrualCap),
    nextPayment: next && { ...next, amount: toWire(next.amount) },
    payoff: { date: today, amount: toWire(payoffOn(position, today)) },
    schedule: scheduleOn(position, today).map((row) => instalmentView(row)),
    prolongation: {
      offered: loan.kind === 'payday' && isServiced(loan.status),
      available: check.ok,
      reason: check.ok ? null : check.reason,
      used: loan.prolongations,
      max: loan.maxProlongations,
      minDays: prolongationDays.min,
      maxDays: prolongationDays.max,
      current: input.currentProlongation,
      history: input.prolongations,
    },
    bankTransfer: {
      recipient: deps.config.lender.name,
      inn: deps.config.lender.inn,
      ...deps.config.bankTransfer,
      purpose: `Погашение займа по договору № ${contract.number} от ${formatRuDate(contract.contractDate)}. НДС не облагается`,
    },
    payments: input.payments,
    certificateUrl: loan.status === 'closed' ? `/api/me/loans/${loan.id}/certificate` : null,
    contractUrl: `/api/me/contracts/${loan.contractId}/pdf`,
  };
}
