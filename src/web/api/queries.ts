import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type ApplicationView, type QuoteRequest } from '../../contracts';
import { isApiError } from './api-error';
import { call } from './client';

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
  applications: ['me', 'applications'],
  application: (id: string) => ['me', 'applications', id] as const,
} as const;

export function useSiteStatus() {
  return useQuery({
    queryKey: queryKeys.status,
    queryFn: ({ signal }) => call(api.status, { signal }),
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
}

/** The borrower, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await call(api.me, { signal });
      } catch (error) {
        if (isApiError(error, 'UNAUTHENTICATED')) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function usePassportHistory() {
  return useQuery({
    queryKey: queryKeys.passportHistory,
    queryFn: ({ signal }) => call(api.passportHistory, { signal }),
  });
}

export function useSessions() {
  return useQuery({ queryKey: queryKeys.sessions, queryFn: ({ signal }) => call(api.sessions, { signal }) });
}

export function useConsentDocuments() {
  return useQuery({
    queryKey: queryKeys.consentDocuments,
    queryFn: ({ signal }) => call(api.consentDocuments, { signal }),
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
    queryFn: () => call(api.captcha),
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
    queryFn: ({ signal }) => call(api.devSms, { signal }),
    enabled,
    refetchInterval: 2000,
  });
}

/** The loan products: bounds, steps and rates for the calculator. */
export function useProducts() {
  return useQuery({
    queryKey: queryKeys.products,
    queryFn: ({ signal }) => call(api.products, { signal }),
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
      return call(signedIn ? api.myQuote : api.quote, { body: request, signal });
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

/** The borrower's applications, newest first. */
export function useApplications() {
  return useQuery({
    queryKey: queryKeys.applications,
    queryFn: ({ signal }) => call(api.applications, { signal }),
  });
}

/** Statuses a specialist may still change on their own: the page asks again now and then. */
const CHANGING: readonly ApplicationView['status'][] = ['submitted', 'under_review'];

export function useApplication(id: string) {
  return useQuery({
    queryKey: queryKeys.application(id),
    queryFn: ({ signal }) => call(api.application, { params: { id }, signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      // Signed: the payout settles within seconds, and the borrower is waiting for «Деньги отправлены».
      if (status === 'signed') return 2_000;
      return status && CHANGING.includes(status) ? 30_000 : false;
    },
  });
}
