import { useQuery } from '@tanstack/react-query';
import { dataApi } from '../../../contracts';
import { call } from '../../api/client';

/** Query keys of the borrower's own data: under ['me'], so sign-out drops them with the rest. */
export const dataKeys = {
  personalData: ['me', 'personal-data'],
  addressSuggestions: (query: string) => ['me', 'address-suggestions', query] as const,
} as const;

/** The borrower's place of birth and addresses (current and former). */
export function usePersonalData() {
  return useQuery({
    queryKey: dataKeys.personalData,
    queryFn: ({ signal }) => call(dataApi.personalData, { signal }),
  });
}

/** Address suggestions for what was typed (at least 3 characters; kept a minute). */
export function useAddressSuggestions(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: dataKeys.addressSuggestions(q),
    queryFn: ({ signal }) => call(dataApi.addressSuggestions, { body: { query: q }, signal }),
    enabled: q.length >= 3,
    staleTime: 60_000,
  });
}
