import { useQuery } from '@tanstack/react-query';
import { api } from '../../contracts';
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
