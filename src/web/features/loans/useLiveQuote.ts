import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import type { QuoteRequest } from '../../../contracts';
import { useQuote } from '../../api/queries';
import { toQuoteRequest, type LoanTerms } from './terms';

/** How long the sliders must rest before the price is asked for. */
const DEBOUNCE_MS = 250;

/**
 * The price of the terms on the sliders, asked for once they rest for a moment. The previous price stays on
 * screen meanwhile; `settling` says it is not yet the price of what the sliders show.
 */
export function useLiveQuote(terms: LoanTerms | null, signedIn: boolean) {
  // A string, so that an equal request made anew on each render does not restart the timer.
  const key = terms ? JSON.stringify(toQuoteRequest(terms)) : '';
  const [debouncedKey] = useDebouncedValue(key, DEBOUNCE_MS);
  const request = useMemo(
    () => (debouncedKey === '' ? null : (JSON.parse(debouncedKey) as QuoteRequest)),
    [debouncedKey],
  );
  const query = useQuote(request, signedIn);
  return {
    quote: query.data,
    error: query.isError ? query.error : null,
    settling: key !== debouncedKey || query.isFetching,
  };
}
