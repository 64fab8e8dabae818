import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApplicationView, LoanView, PaymentView, QuoteRequest } from '../../contracts';
import { isApiError } from './api-error';
import { call } from './client';
import { routes } from './routes';

/** Everything of the signed-in borrower lives under ['me'], so sign-out can drop it in one go. */
export const queryKeys = {
  status: ['status'],
  me: ['me'],
  passportHistory: ['me', 'passport-history'],
  sessions: ['me', 'sessions'],
  consentDocuments: ['consent-documents'],
  captcha: ['captcha'],
  devSms: ['dev', 'sms'],
  products: ['products'],
  quote: ['quote'],
  myQuote: ['me', 'quote'],
  eligibility: ['me', 'eligibility'],
  applications: ['me', 'applications'],
  application: (id: string) => ['me', 'applications', id] as const,
  loans: ['me', 'loans'],
  loan: (id: string) => ['me', 'loans', id] as const,
  payment: (loanId: string, paymentId: string) => ['me', 'loans', loanId, 'payments', paymentId] as const,
  earlyRepaymentQuote: (loanId: string) => ['me', 'loans', loanId, 'early-repayment-quote'] as const,
  prolongationQuote: (loanId: string) => ['me', 'loans', loanId, 'prolongation-quote'] as const,
  notifications: ['me', 'notifications'],
  notificationSettings: ['me', 'notification-settings'],
  devBusinessDate: ['dev', 'business-date'],
} as const;

/**
 * The site's status (`GET /api/status`): read again every 15 seconds and when the tab regains focus, so the
 * maintenance banner appears and disappears without a reload when the back office switches it.
 */
export function useSiteStatus() {
  return useQuery({
    queryKey: queryKeys.status,
    queryFn: ({ signal }) => call(routes.status, { signal }),
    staleTime: 10_000,
    refetchInterval: 15_000,
    refetchOnWindowFocus: true,
  });
}

/** The borrower, or null when nobody is signed in (`GET /api/session`: a guest is a 200, not a logged 401). */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      const state = await call(routes.session, { signal });
      return state.signedIn ? state.me : null;
    },
    staleTime: 60_000,
  });
}

export function usePassportHistory() {
  return useQuery({
    queryKey: queryKeys.passportHistory,
    queryFn: ({ signal }) => call(routes.passportHistory, { signal }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: ({ signal }) => call(routes.sessions, { signal }),
  });
}

export function useConsentDocuments() {
  return useQuery({
    queryKey: queryKeys.consentDocuments,
    queryFn: ({ signal }) => call(routes.consentDocuments, { signal }),
    staleTime: Infinity,
  });
}

/**
 * A captcha picture. It is a POST (each call makes a new picture), kept as a query so that it loads once per
 * screen; `refetch()` draws a new one.
 */
export function useCaptcha() {
  return useQuery({
    queryKey: queryKeys.captcha,
    queryFn: () => call(routes.captcha),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useDevSms(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.devSms,
    queryFn: ({ signal }) => call(routes.devSms, { signal }),
    enabled,
    refetchInterval: 2000,
  });
}

/** The loan products: bounds, steps and rates for the calculator. */
export function useProducts() {
  return useQuery({
    queryKey: queryKeys.products,
    queryFn: ({ signal }) => call(routes.products, { signal }),
    staleTime: 10 * 60_000,
  });
}

/**
 * The price of a loan: a visitor is priced as a newcomer, a signed-in borrower by their history. While the
 * next price loads, the previous one stays (placeholderData), so the numbers never blink out.
 */
export function useQuote(request: QuoteRequest | null, signedIn: boolean) {
  return useQuery({
    queryKey: [...(signedIn ? queryKeys.myQuote : queryKeys.quote), request],
    queryFn: ({ signal }) => {
      if (request === null) throw new Error('useQuote: no request');
      return call(signedIn ? routes.myQuote : routes.quote, { body: request, signal });
    },
    enabled: request !== null,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Applications still being decided or waiting for the borrower: a new one cannot be filed meanwhile. */
export const OPEN_APPLICATION_STATUSES: readonly ApplicationView['status'][] = [
  'submitted',
  'under_review',
  'approved',
];
export const isOpenApplication = (application: ApplicationView): boolean =>
  OPEN_APPLICATION_STATUSES.includes(application.status);

/** Whether the borrower may apply now and why not, and whether the next loan is their first (the promo). */
export function useEligibility() {
  return useQuery({
    queryKey: queryKeys.eligibility,
    queryFn: ({ signal }) => call(routes.eligibility, { signal }),
  });
}

/** The borrower's applications, newest first. */
export function useApplications() {
  return useQuery({
    queryKey: queryKeys.applications,
    queryFn: ({ signal }) => call(routes.applications, { signal }),
  });
}

/** Statuses a specialist may still change on their own: the page asks again now and then. */
const CHANGING: readonly ApplicationView['status'][] = ['submitted', 'under_review'];

export function useApplication(id: string) {
  return useQuery({
    queryKey: queryKeys.application(id),
    queryFn: ({ signal }) => call(routes.application, { params: { id }, signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      // Signed: the payout settles within seconds, and the borrower is waiting for «Деньги отправлены».
      if (status === 'signed') return 2_000;
      return status && CHANGING.includes(status) ? 30_000 : false;
    },
  });
}

/** The borrower's loans (after payout, including closed ones). */
export function useLoans() {
  return useQuery({ queryKey: queryKeys.loans, queryFn: ({ signal }) => call(routes.loans, { signal }) });
}

/** Loans whose debt grows day by day: the page asks again now and then, and when the tab comes back. */
const LIVE_LOAN: readonly LoanView['status'][] = ['awaiting_payout', 'active', 'overdue'];

export function useLoan(id: string) {
  return useQuery({
    queryKey: queryKeys.loan(id),
    queryFn: ({ signal }) => call(routes.loan, { params: { id }, signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (status === 'awaiting_payout') return 5_000;
      return status && LIVE_LOAN.includes(status) ? 60_000 : false;
    },
  });
}

/** How often a payment the provider has not settled yet is asked for again. */
export const PAYMENT_POLL_MS = 1_500;

/** A payment the borrower came back from the provider's page with: asked for until it is settled. */
export function usePayment(loanId: string, paymentId: string | null) {
  return useQuery({
    queryKey: queryKeys.payment(loanId, paymentId ?? ''),
    queryFn: ({ signal }) => {
      if (paymentId === null) throw new Error('usePayment: no payment');
      return call(routes.payment, { params: { id: loanId, childId: paymentId }, signal });
    },
    enabled: paymentId !== null,
    refetchInterval: (query) => {
      const { data, error } = query.state;
      if (isApiError(error, 'PAYMENT_NOT_FOUND', 'LOAN_NOT_FOUND', 'NOT_FOUND', 'VALIDATION_FAILED'))
        return false;
      return !data || data.status === 'processing' ? PAYMENT_POLL_MS : false;
    },
    refetchIntervalInBackground: true,
  });
}

export const isSettled = (payment: PaymentView | undefined): boolean =>
  payment !== undefined && payment.status !== 'processing';

/** What paying `amount` (kopecks) early does to the loan; null asks nothing. The last answer stays meanwhile. */
export function useEarlyRepaymentQuote(loanId: string, amount: string | null) {
  return useQuery({
    queryKey: [...queryKeys.earlyRepaymentQuote(loanId), amount],
    queryFn: ({ signal }) => {
      if (amount === null) throw new Error('useEarlyRepaymentQuote: no amount');
      return call(routes.earlyRepaymentQuote, { params: { id: loanId }, body: { amount }, signal });
    },
    enabled: amount !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

/** What a prolongation by `days` costs now and the new due date; null asks nothing. */
export function useProlongationQuote(loanId: string, days: number | null) {
  return useQuery({
    queryKey: [...queryKeys.prolongationQuote(loanId), days],
    queryFn: ({ signal }) => {
      if (days === null) throw new Error('useProlongationQuote: no days');
      return call(routes.prolongationQuote, { params: { id: loanId }, body: { days }, signal });
    },
    enabled: days !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

/** The messages of the account; the header shows the unread count, so it is asked again now and then. */
export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: ({ signal }) => call(routes.notifications, { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useNotificationSettings() {
  return useQuery({
    queryKey: queryKeys.notificationSettings,
    queryFn: ({ signal }) => call(routes.notificationSettings, { signal }),
  });
}

/** Demo: the lender's business date. A 404 (not the demo) is not worth retrying. */
export function useDevBusinessDate() {
  return useQuery({
    queryKey: queryKeys.devBusinessDate,
    queryFn: ({ signal }) => call(routes.devBusinessDate, { signal }),
    retry: false,
  });
}
