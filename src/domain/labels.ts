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

/** The ledger's accounts as a specialist reads them (the loan's and the lender's; src/domain/ledger.ts). */
export const LEDGER_ACCOUNT_LABELS: Record<string, string> = {
  principal: 'Основной долг',
  principal_overdue: 'Просроченный основной долг',
  interest: 'Проценты',
  interest_overdue: 'Просроченные проценты',
  penalty: 'Неустойка',
  fees: 'Прочие платежи',
  overpayment: 'Переплата',
  interest_income: 'Процентный доход',
  penalty_income: 'Доход от неустойки',
  bank: 'Расчётный счёт',
  marketing_expense: 'Расходы на бонусы',
};

/** The same accounts under the names of the balance fields (camelCase, as loan_balances_current is read). */
export const BALANCE_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(LEDGER_ACCOUNT_LABELS).map(([code, label]) => [
    code.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
    label,
  ]),
);

/** What booked a journal entry (journal_entries.kind). */
export const ENTRY_KIND_LABELS: Record<string, string> = {
  disbursement: 'Выдача',
  close: 'Закрытие дня',
  accrual: 'Начисление',
  payment: 'Платёж',
  refund: 'Возврат переплаты',
  points_discount: 'Скидка бонусами',
};

/** The statuses of a loan (loans.status): the borrower's card and the back office's. */
export const LOAN_STATUS_LABELS: Record<
  'awaiting_payout' | 'active' | 'overdue' | 'closed' | 'cancelled',
  string
> = {
  awaiting_payout: 'Ожидает выплаты',
  active: 'Действует',
  overdue: 'Есть просроченная задолженность',
  closed: 'Погашен',
  cancelled: 'Отменён',
};

/** The statuses of an application (loan_applications.status), as a specialist reads them. */
export const APPLICATION_STATUS_LABELS: Record<string, string> = {
  submitted: 'Подана',
  under_review: 'На рассмотрении',
  approved: 'Одобрена',
  refused: 'Отказ',
  signed: 'Договор подписан',
  paid_out: 'Выплачена',
  cancelled: 'Отменена',
  payout_failed: 'Выплата не прошла',
};

/** A payment's status and method (payments.status, payments.method): the borrower's list and the back office's. */
export const PAYMENT_STATUS_LABELS: Record<'processing' | 'credited' | 'failed', string> = {
  processing: 'Обрабатывается',
  credited: 'Зачислен',
  failed: 'Не прошёл',
};
export const PAYMENT_METHOD_LABELS: Record<'card' | 'sbp', string> = {
  card: 'Банковская карта',
  sbp: 'СБП',
};

/** The label of `code` in `labels`; an unknown code (an old row) is shown as it is. */
export const labelOf = (labels: Readonly<Record<string, string>>, code: string): string =>
  (labels as Record<string, string | undefined>)[code] ?? code;

/** A payment row's stored status (payments.status), as the back office shows it. */
export const PAYMENT_ROW_STATUS_LABELS: Record<string, string> = {
  pending: 'Обрабатывается',
  succeeded: 'Зачислен',
  canceled: 'Не прошёл',
};

/** The consents a borrower gives at registration (consents.kind). */
export const CONSENT_KIND_LABELS: Record<string, string> = {
  personal_data: 'Обработка персональных данных',
  simple_signature: 'Простая электронная подпись',
  credit_bureau: 'Запрос в бюро кредитных историй',
};
