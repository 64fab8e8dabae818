import type { MantineColor } from '@mantine/core';
import type { LoanView, PaymentView } from '../../../contracts';
import { PAYMENT_METHOD_LABELS } from '../../../domain/labels';

export { PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS } from '../../../domain/labels';

export const LOAN_STATUS_COLORS: Record<LoanView['status'], MantineColor> = {
  awaiting_payout: 'blue',
  active: 'green',
  overdue: 'red',
  closed: 'gray',
  cancelled: 'gray',
};

/** The borrower can pay while the loan is out and not closed. */
export const PAYABLE: readonly LoanView['status'][] = ['active', 'overdue'];
export const isPayable = (loan: Pick<LoanView, 'status'>): boolean => PAYABLE.includes(loan.status);

export const PAYMENT_STATUS_COLORS: Record<PaymentView['status'], MantineColor> = {
  processing: 'yellow',
  credited: 'green',
  failed: 'red',
};

export const PAYMENT_PURPOSE_LABELS: Record<PaymentView['purpose'], string> = {
  next: 'Очередной платёж',
  payoff: 'Полное погашение',
  custom: 'Досрочное погашение',
  prolongation: 'Оплата пролонгации',
};

export const METHOD_OPTIONS = (['card', 'sbp'] as const).map((value) => ({
  value,
  label: PAYMENT_METHOD_LABELS[value],
}));

/** Where the pay and prolongation blocks sit on the loan page (links from the dashboard go there). */
export const PAY_ANCHOR = 'pay';
export const PROLONGATION_ANCHOR = 'prolongation';

export const loanPath = (loanId: string): string => `/account/loans/${loanId}`;
