import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/queries';

/**
 * Reactions shared by every request: a MAINTENANCE answer refreshes the site status (the banner shows up),
 * an UNAUTHENTICATED one (the session ended) signs the user out on this page too.
 */
function onAnyError(error: unknown) {
  if (!(error instanceof ApiError)) return;
  if (error.code === 'MAINTENANCE') void queryClient.invalidateQueries({ queryKey: queryKeys.status });
  if (error.code === 'UNAUTHENTICATED' && queryClient.getQueryData(queryKeys.me)) signedOut();
}

/** Forgets the borrower's data after sign-out or an ended session. */
export function signedOut() {
  // Requests still in flight for the ended session are aborted, not answered 401.
  void queryClient.cancelQueries({ queryKey: queryKeys.me });
  queryClient.removeQueries({ queryKey: queryKeys.me });
  queryClient.setQueryData(queryKeys.me, null);
}

/** Retries only what may pass on a second try: the network and a server hiccup, never a refusal. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!(error instanceof ApiError)) return false;
  return error.code === 'NETWORK' || (error.code === 'INTERNAL' && error.status >= 500);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAnyError }),
  mutationCache: new MutationCache({ onError: onAnyError }),
  defaultOptions: {
    queries: { retry: shouldRetry },
    mutations: { retry: false },
  },
});
