import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Keeps the given queries fresh while the page is open: an EventSource on `path` (Server-Sent Events carrying
 * conversation ids only); on each event, and on every (re)connection (`ready`), the queries under `prefix` are
 * read again from the API, so an event missed while disconnected loses nothing. `session-ended` (the server closes
 * the stream when the session is over) stops it.
 */
export function useSupportEvents(path: string, prefix: readonly unknown[]) {
  const queryClient = useQueryClient();
  const key = JSON.stringify(prefix);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(path, { withCredentials: true });
    const refresh = () => void queryClient.invalidateQueries({ queryKey: JSON.parse(key) as unknown[] });
    source.addEventListener('ready', refresh);
    source.addEventListener('resync', refresh);
    source.addEventListener('conversation', refresh);
    // The session ended (sign-out, expiry): stop listening and re-read everything, so the app meets the 401.
    source.addEventListener('session-ended', () => {
      source.close();
      void queryClient.invalidateQueries();
    });
    return () => source.close();
  }, [path, key, queryClient]);
}
