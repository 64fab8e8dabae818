import type { ApplicationView, ProductView, QuoteView } from '../../../contracts';
import { refusalMessage, type ReasonCode } from '../../../domain/decision';
import { toWire } from '../../../domain/money';
import type { Quote } from '../../../domain/quote';

import type { ApplicationRow, loadApplicationParts } from './application-repository';
import type { StoredPayoutMethod } from './payout-method';
import { scheduleView } from '../servicing/schedule-view';
import type { ProductRow } from './product-repository';

/** The borrower-facing text of each application status (also the default text of a timeline step). */
export const STATUS_TEXT: Record<ApplicationView['status'], string> = {
  submitted: 'Заявка принята',
  under_review: 'На рассмотрении у специалиста',
  approved: 'Одобрена: подпишите договор',
  refused: 'Отказ',
  signed: 'Договор подписан',
  paid_out: 'Деньги отправлены',
  cancelled: 'Отменена',
  payout_failed: 'Не удалось перечислить деньги',
};

/** A paid-out application tells where its loan is now: derived from the loan, never remembered. */
const PAID_OUT_TEXT: Record<NonNullable<ApplicationView['loan']>['status'], string> = {
  awaiting_payout: STATUS_TEXT.paid_out,
  active: 'Заём выдан',
  overdue: 'Заём выдан: есть просроченный платёж',
  closed: 'Заём погашен',
  cancelled: 'Заём отменён',
};

/** The status text of an application: for one whose money was sent, the state of its loan. */
export function applicationStatusText(
  status: ApplicationView['status'],
  loanStatus: NonNullable<ApplicationView['loan']>['status'] | undefined,
): string {
  return status === 'paid_out' && loanStatus ? PAID_OUT_TEXT[loanStatus] : STATUS_TEXT[status];
}

const SYSTEM_NAMES: Record<string, string> = {
  mir: 'МИР',
  visa: 'Visa',
  mastercard: 'Mastercard',
  unionpay: 'UnionPay',
};

/** A payout method as the borrower reads it, masked: «Карта МИР •••• 4242», «СБП по номеру +7 916 ***-**-67». */
export function payoutMethodLabel(method: StoredPayoutMethod): string {
  switch (method.kind) {
    case 'card':
      return `Карта ${SYSTEM_NAMES[method.paymentSystem] ?? ''} •••• ${method.last4}`.replace('  ', ' ');
    case 'sbp':
      return `СБП по номеру +7 ${method.phone.slice(2, 5)} ***-**-${method.phone.slice(-2)}`;
    case 'bank_account':
      return `Счёт •••• ${method.accountNumber.slice(-4)}`;
  }
}

/** The unit of a product's term: days for payday loans, weeks for instalment loans. */
export const termUnitOf = (kind: ProductRow['kind']) =>
  kind === 'payday' ? ('days' as const) : ('weeks' as const);

/** A product on the wire: amounts as kopeck strings. */
export function toProductView(row: ProductRow): ProductView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    minAmount: toWire(row.minAmount),
    maxAmount: toWire(row.maxAmount),
    amountStep: toWire(row.amountStep),
    minTerm: row.minTerm,
    maxTerm: row.maxTerm,
    termUnit: termUnitOf(row.kind),
    dailyRateBp: row.dailyRateBp,
    firstLoanDailyRateBp: row.firstLoanDailyRateBp,
  };
}

/** A priced loan on the wire: amounts as kopeck strings, dates 'YYYY-MM-DD', with its payment schedule. */
export function toQuoteView(q: Quote, term: number, firstLoan: boolean): QuoteView {
  return {
    productId: q.productId,
    amount: toWire(q.amount),
    term,
    termUnit: q.kind === 'payday' ? 'days' : 'weeks',
    dailyRateBp: q.dailyRateBp,
    firstLoan,
    regularPayment: toWire(q.regularPayment),
    totalToRepay: toWire(q.totalToRepay),
    totalInterest: toWire(q.totalInterest),
    accrualCap: toWire(q.accrualCap),
    pskPercent: q.pskPercent,
    pskRub: toWire(q.pskRub),
    firstDueDate: q.firstDueDate,
    lastDueDate: q.lastDueDate,
    ruleSetId: q.ruleSetId,
    schedule: scheduleView(q.schedule),
  };
}

/** What `loadApplicationParts` returns: timelines, products, contracts and loans of a set of applications. */
export type ApplicationParts = Awaited<ReturnType<typeof loadApplicationParts>>;

/**
 * What the borrower sees of one application: status, timeline, offer, contract, loan. `principalOutstanding`
 * holds each loan's principal balance in kopecks (0 when absent). Throws if the application's product is missing.
 */
export function toApplicationView(
  row: ApplicationRow,
  parts: ApplicationParts,
  principalOutstanding: Map<string, bigint>,
): ApplicationView {
  const product = parts.products.find((p) => p.id === row.productId);
  if (!product) throw new Error(`application ${row.id}: product ${row.productId} not found`);
  const decision = row.decision as {
    reasons?: ReasonCode[];
    offer?: QuoteView;
    applyAgainOn?: string;
  } | null;
  const doc = parts.docs.find((d) => d.applicationId === row.id);
  const loan = parts.loans.find((l) => l.applicationId === row.id);
  const payoutMethod = row.payoutMethod as StoredPayoutMethod;
  return {
    id: row.id,
    productId: row.productId,
    productName: product.name,
    amount: toWire(row.amount),
    term: row.term,
    termUnit: termUnitOf(product.kind),
    status: row.status,
    statusText: applicationStatusText(row.status, loan?.status),
    refusalMessage:
      row.status === 'refused' ? refusalMessage(decision?.reasons ?? [], decision?.applyAgainOn) : null,
    payoutMethod: { kind: payoutMethod.kind, label: payoutMethodLabel(payoutMethod) },
    offer: decision?.offer ?? null,
    contract: doc
      ? { id: doc.id, number: doc.number, sha256: doc.sha256, signedAt: doc.signedAt?.toISOString() ?? null }
      : null,
    loan: loan
      ? {
          id: loan.id,
          status: loan.status,
          disbursedOn: loan.disbursedOn,
          principalOutstanding: toWire(principalOutstanding.get(loan.id) ?? 0n),
        }
      : null,
    timeline: parts.events
      .filter((e) => e.applicationId === row.id)
      .map((e) => ({ status: e.status, text: e.note ?? STATUS_TEXT[e.status], at: e.at.toISOString() })),
    createdAt: row.createdAt.toISOString(),
  };
}
