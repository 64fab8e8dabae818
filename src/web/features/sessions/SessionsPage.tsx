import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type SessionView } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { queryKeys, useSessions } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatInstant } from '../../i18n/format';

/** How the session was opened, as the list says it. */
const SIGN_IN_METHODS: Record<SessionView['method'], string> = {
  password: 'по паролю',
  esia: 'через Госуслуги',
  tid: 'через T-ID',
};

/** The signed-in devices: end one, or all but this one. */
export function SessionsPage() {
  usePageTitle('Сеансы');
  const queryClient = useQueryClient();
  const sessions = useSessions();
  const [error, setError] = useState<unknown>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions });

  const endOne = useMutation({
    mutationFn: (id: string) => call(api.endSession, { params: { id } }),
    onMutate: () => {
      setError(null);
      setEnded(null);
    },
    onSuccess: refresh,
    onError: (e) => {
      // Already ended elsewhere: the list just needs refreshing.
      if (isApiError(e, 'SESSION_NOT_FOUND')) void refresh();
      else setError(e);
    },
  });
  const endOthers = useMutation({
    mutationFn: () => call(api.endOtherSessions),
    onMutate: () => {
      setError(null);
      setEnded(null);
    },
    onSuccess: ({ ended: count }) => {
      setEnded(count);
      void refresh();
    },
    onError: setError,
  });

  const others = sessions.data?.filter((s) => !s.current) ?? [];

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          Сеансы
        </Title>
        <Text c="dimmed" size="sm">
          Устройства, на которых выполнен вход в личный кабинет. Если какое-то из них вам незнакомо, завершите
          его сеанс и смените пароль.
        </Text>
      </Stack>

      {others.length > 0 && (
        <Button
          variant="light"
          color="red"
          onClick={() => endOthers.mutate()}
          loading={endOthers.isPending}
          style={{ alignSelf: 'flex-start' }}
        >
          Завершить все другие сеансы
        </Button>
      )}
      {ended !== null && (
        <Alert color="teal" variant="light">
          Завершено сеансов: {ended}
        </Alert>
      )}
      <ApiErrorAlert error={error} />

      {sessions.isPending && <Loader aria-label="Загрузка" />}
      {sessions.isError && <ApiErrorAlert error={sessions.error} />}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {sessions.data?.map((session) => (
          <SessionCard
            key={session.id}
            session={session}
            ending={endOne.isPending && endOne.variables === session.id}
            onEnd={() => endOne.mutate(session.id)}
          />
        ))}
      </Stack>
    </Stack>
  );
}

function SessionCard({
  session,
  ending,
  onEnd,
}: {
  session: SessionView;
  ending: boolean;
  onEnd: () => void;
}) {
  return (
    <Paper component="li" withBorder radius="lg" p="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Group gap="xs">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {session.device}
            </Text>
            {session.current && (
              <Badge variant="light" color="teal">
                Этот сеанс
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            IP-адрес: {session.ip}
          </Text>
          <Text size="sm" c="dimmed">
            Вход: {formatInstant(session.createdAt)}, {SIGN_IN_METHODS[session.method]}
          </Text>
          <Text size="sm" c="dimmed">
            Последняя активность: {formatInstant(session.lastSeenAt)}
          </Text>
        </Stack>
        {!session.current && (
          <Button
            variant="default"
            size="sm"
            onClick={onEnd}
            loading={ending}
            aria-label={`Завершить сеанс: ${session.device}`}
          >
            Завершить
          </Button>
        )}
      </Group>
    </Paper>
  );
}
