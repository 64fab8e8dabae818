import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Keeps the given queries fresh while the page is open: an EventSource on `path` (Server-Sent Events carrying
 * conversation ids only); on each event, and on every (re)connection (`ready`), the queries under `prefix` are
 * read again from the API, so an event missed while disconnected loses nothing.
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
    return () => source.close();
  }, [path, key, queryClient]);
}
