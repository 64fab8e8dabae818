import { formatRuDate } from '../../../domain/russian';
import { and, desc, eq } from 'drizzle-orm';
import type { LoanView } from '../../../contracts/servicing';
import { toWire } from '../../../domain/money';
import type { DbOrTx } from '../../adapters/db/database';
import { contracts, loanApplications, loanProducts, loans } from '../../adapters/db/schema-loans';
import { payments } from '../../adapters/db/schema-servicing';
import type { Deps } from '../../deps';
import {
  accruedOf,
  businessToday,
  currentSchedule,
  findOwnLoan,
  nextPaymentOf,
  payoffOn,
  readBalances,
  totalDebt,
  type LoanRow,
} from './loan-account';
import { paymentView } from '../payments/payment-view';
import { checkProlongation, listProlongations, prolongationView } from './prolong-loan';

const STATUS_TEXT: Record<LoanRow['status'], string> = {
  awaiting_payout: 'Ожидает выплаты',
  active: 'Действует',
  overdue: 'Есть просроченная задолженность',
  closed: 'Погашен',
  cancelled: 'Отменён',
};

async function toView(deps: Deps, db: DbOrTx, loan: LoanRow): Promise<LoanView> {
  const today = businessToday(deps);
  const [[contract], [product], balances, schedule, paymentRows, prolongationRows] = await Promise.all([
    db.select().from(contracts).where(eq(contracts.id, loan.contractId)),
    db
      .select({ name: loanProducts.name })
      .from(loanApplications)
      .innerJoin(loanProducts, eq(loanProducts.id, loanApplications.productId))
      .where(eq(loanApplications.id, loan.applicationId)),
    readBalances(db, loan.id),
    currentSchedule(db, loan),
    db.select().from(payments).where(eq(payments.loanId, loan.id)).orderBy(desc(payments.createdAt)),
    listProlongations(db, loan.id),
  ]);
  const check = await checkProlongation(deps, db, loan, deps.config.servicing.prolongationDays.min);
  const current = prolongationRows.find(
    (p) => p.status === 'awaiting_signature' || p.status === 'awaiting_payment',
  );
  const next = nextPaymentOf(loan, balances, schedule, today);
  return {
    id: loan.id,
    applicationId: loan.applicationId,
    contractId: loan.contractId,
    contractNumber: contract!.number,
    contractDate: contract!.contractDate,
    productName: product?.name ?? '',
    kind: loan.kind,
    status: loan.status,
    statusText: STATUS_TEXT[loan.status],
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
    payoff: { date: today, amount: toWire(payoffOn(loan, balances, today)) },
    schedule: schedule.map((i) => ({
      n: i.n,
      dueDate: i.dueDate,
      principal: toWire(i.principal),
      interest: toWire(i.interest),
      total: toWire(i.total),
      remainingPrincipal: toWire(i.remainingPrincipal),
    })),
    prolongation: {
      available: check.ok,
      reason: check.ok ? null : check.reason,
      used: loan.prolongations,
      max: loan.maxProlongations,
      minDays: deps.config.servicing.prolongationDays.min,
      maxDays: deps.config.servicing.prolongationDays.max,
      current: current ? prolongationView(current) : null,
      history: prolongationRows.map(prolongationView),
    },
    bankTransfer: {
      recipient: deps.config.lender.name,
      inn: deps.config.lender.inn,
      ...deps.config.bankTransfer,
      purpose: `Погашение займа по договору № ${contract!.number} от ${formatRuDate(contract!.contractDate)}. НДС не облагается`,
    },
    payments: paymentRows.map(paymentView),
    certificateUrl: loan.status === 'closed' ? `/api/me/loans/${loan.id}/certificate` : null,
    contractUrl: `/api/me/contracts/${loan.contractId}/pdf`,
  };
}

export async function getLoan(deps: Deps, borrowerId: string, loanId: string) {
  return toView(deps, deps.db, await findOwnLoan(deps.db, borrowerId, loanId));
}

export async function listLoans(deps: Deps, borrowerId: string) {
  const rows = await deps.db
    .select()
    .from(loans)
    .where(and(eq(loans.borrowerId, borrowerId)))
    .orderBy(desc(loans.createdAt));
  return Promise.all(rows.filter((l) => l.status !== 'cancelled').map((l) => toView(deps, deps.db, l)));
}
