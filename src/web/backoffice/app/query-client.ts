import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/api-error';

/** Query keys of the back office: everything under ['bo'], so sign-out drops it in one go. */
export const boKeys = {
  me: ['bo', 'me'],
} as const;

/** An ended staff session (idle timeout) sends the member back to the sign-in page. */
function onAnyError(error: unknown) {
  if (
    error instanceof ApiError &&
    error.code === 'UNAUTHENTICATED' &&
    backofficeQueryClient.getQueryData(boKeys.me)
  )
    staffSignedOut();
}

/** Forgets everything the back office loaded (after sign-out or an ended session). */
export function staffSignedOut() {
  backofficeQueryClient.removeQueries({ queryKey: ['bo'] });
  backofficeQueryClient.setQueryData(boKeys.me, null);
}

export const backofficeQueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAnyError }),
  mutationCache: new MutationCache({ onError: onAnyError }),
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 } },
});
