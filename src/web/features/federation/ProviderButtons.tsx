import { Button, Divider, Stack } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { federationApi, type ProviderIdWire } from '../../../contracts';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';

export const providersKey = ['federation', 'providers'] as const;

/** The identity providers this site has configured (none → no buttons). */
export function useProviders() {
  return useQuery({
    queryKey: providersKey,
    queryFn: ({ signal }) => call(federationApi.providers, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Starts a provider sign-in (or a link from the profile) and sends the browser to the provider's page. */
export function useStartProvider(purpose: 'sign-in' | 'link') {
  return useMutation({
    mutationFn: (provider: ProviderIdWire) =>
      call(federationApi.start, { params: { provider }, body: { purpose } }),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}

/**
 * «Войти через Госуслуги» / «Войти через T-ID», shown only for the configured providers, under a divider «или».
 * Used on the sign-in and registration pages.
 */
export function ProviderButtons() {
  const { data: providers } = useProviders();
  const start = useStartProvider('sign-in');
  if (!providers || providers.length === 0) return null;
  return (
    <Stack gap="sm">
      <Divider label="или" labelPosition="center" />
      {providers.map((p) => (
        <Button
          key={p.id}
          variant="default"
          size="md"
          fullWidth
          loading={start.isPending && start.variables === p.id}
          onClick={() => start.mutate(p.id)}
        >
          Войти через {p.name}
        </Button>
      ))}
      <ApiErrorAlert error={start.error} />
    </Stack>
  );
}
