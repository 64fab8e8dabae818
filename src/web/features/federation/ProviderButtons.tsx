import { Button, Divider, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { federationApi } from '../../../contracts';
import { call } from '../../api/client';

export const providersKey = ['federation', 'providers'] as const;

/** The identity providers this site has configured (none → no buttons). */
export function useProviders() {
  return useQuery({
    queryKey: providersKey,
    queryFn: ({ signal }) => call(federationApi.providers, { signal }),
    staleTime: 5 * 60_000,
  });
}

/**
 * «Войти через Госуслуги» / «Войти через T-ID», shown only for the configured providers, under a divider «или».
 * Used on the sign-in and registration pages. They are links (they lead to another site): the server's
 * `/federation/:provider/start` starts the sign-in and redirects to the provider.
 */
export function ProviderButtons() {
  const { data: providers } = useProviders();
  if (!providers || providers.length === 0) return null;
  return (
    <Stack gap="sm">
      <Divider label="или" labelPosition="center" />
      {providers.map((p) => (
        <Button
          key={p.id}
          component="a"
          href={`/federation/${p.id}/start`}
          variant="default"
          size="md"
          fullWidth
        >
          Войти через {p.name}
        </Button>
      ))}
    </Stack>
  );
}
