import type { DebtBucket } from './servicing';

/**
 * Russian labels shared by the server (PDF receipts, the payment view) and the web app. Codes travel on the wire;
 * a label lives here once when more than one side prints it.
 */

/** How each part of a payment is named on the screen and the receipt (the buckets of the payment order). */
export const ALLOCATION_LABELS: Record<DebtBucket | 'overpayment', string> = {
  overdueInterest: 'Просроченные проценты',
  overduePrincipal: 'Просроченный основной долг',
  penalty: 'Неустойка',
  currentInterest: 'Проценты',
  currentPrincipal: 'Основной долг',
  fees: 'Прочие платежи',
  overpayment: 'Переплата',
};

/** The label of an allocation bucket; an unknown code (an old row) is shown as it is. */
export const allocationLabel = (bucket: string): string =>
  ALLOCATION_LABELS[bucket as keyof typeof ALLOCATION_LABELS] ?? bucket;
