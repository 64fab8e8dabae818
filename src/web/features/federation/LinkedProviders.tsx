import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { federationApi } from '../../../contracts';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/layout';
import { formatInstant } from '../../i18n/format';
import { useProviders } from './ProviderButtons';

const linkedKey = ['me', 'providers'] as const;

/** The profile's «Вход через Госуслуги и T-ID»: linked providers (with unlink) and the others to link. */
export function LinkedProviders() {
  const queryClient = useQueryClient();
  const { data: providers } = useProviders();
  const linked = useQuery({
    queryKey: linkedKey,
    queryFn: ({ signal }) => call(federationApi.myProviders, { signal }),
  });
  const unlink = useMutation({
    mutationFn: (provider: 'esia' | 'tid') => call(federationApi.unlink, { params: { provider } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: linkedKey }),
  });
  if (!providers || providers.length === 0 || !linked.data) return null;
  const others = providers.filter((p) => !linked.data.some((l) => l.provider === p.id));

  return (
    <Section title="Вход через Госуслуги и T-ID">
      <Stack gap="sm">
        {linked.data.length === 0 && (
          <Text size="sm">Пока вы входите только по номеру телефона и паролю.</Text>
        )}
        {linked.data.map((l) => (
          <Group key={l.provider} justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Text fw={600}>{l.name}</Text>
              <Text size="sm" c="dimmed">
                Привязан {formatInstant(l.linkedAt)}
                {l.lastSignInAt ? ` · последний вход ${formatInstant(l.lastSignInAt)}` : ''}
              </Text>
            </div>
            <Group gap="xs">
              {l.provider === 'esia' && (
                <Button component="a" href="/federation/esia/start?purpose=refresh" variant="light" size="xs">
                  Обновить паспорт с Госуслуг
                </Button>
              )}
              <Button
                variant="default"
                size="xs"
                loading={unlink.isPending && unlink.variables === l.provider}
                onClick={() => unlink.mutate(l.provider)}
                aria-label={`Отвязать ${l.name}`}
              >
                Отвязать
              </Button>
            </Group>
          </Group>
        ))}
        {others.map((p) => (
          <Button key={p.id} component="a" href={`/federation/${p.id}/start?purpose=link`} variant="light">
            Привязать {p.name}
          </Button>
        ))}
        <ApiErrorAlert error={unlink.error} />
      </Stack>
    </Section>
  );
}
