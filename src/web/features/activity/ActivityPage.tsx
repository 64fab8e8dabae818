import { Alert, Button, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { dataApi, type ActivityCategory, type ActivityItem } from '../../../contracts';
import { call, forgetCsrfToken } from '../../api/client';
import { signedOut } from '../../app/query-client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatInstant } from '../../i18n/format';

const FILTERS: { value: ActivityCategory | 'all'; label: string }[] = [
  { value: 'all', label: 'Всё' },
  { value: 'sign-ins', label: 'Входы' },
  { value: 'data', label: 'Данные' },
  { value: 'loans', label: 'Займы' },
  { value: 'payments', label: 'Платежи' },
  { value: 'messages', label: 'Сообщения' },
];

/**
 * «История действий»: the account's events newest first, a page at a time, filtered by kind. «Это был не я» on a
 * sign-in ends every session (this one too) and leads to setting a new password by SMS.
 */
export function ActivityPage() {
  usePageTitle('История действий');
  const navigate = useNavigate();
  const [filter, setFilter] = useState<ActivityCategory | 'all'>('all');
  const [page, setPage] = useState(1);
  const category = filter === 'all' ? null : filter;
  const activity = useQuery({
    queryKey: ['me', 'activity', filter, page],
    queryFn: ({ signal }) => call(dataApi.activity, { body: { page, category }, signal }),
    placeholderData: keepPreviousData,
  });
  const [confirming, setConfirming] = useState<string | null>(null);
  const report = useMutation({
    mutationFn: (eventId: string) => call(dataApi.reportSignIn, { body: { eventId } }),
    onSuccess: () => {
      forgetCsrfToken();
      signedOut();
      void navigate('/recover', { state: { notMe: true } });
    },
  });

  return (
    <Stack gap="lg" maw={860}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          История действий
        </Title>
        <Text c="dimmed" size="sm">
          Входы в личный кабинет, изменения данных, заявки, подписи, платежи и сообщения — сначала новые. Если
          видите вход, который делали не вы, нажмите «Это был не я»: мы завершим все сеансы, и вы зададите
          новый пароль по коду из СМС.
        </Text>
      </Stack>
      <SegmentedControl
        aria-label="Что показать"
        value={filter}
        onChange={(value) => {
          setFilter(value as ActivityCategory | 'all');
          setPage(1);
        }}
        data={FILTERS}
        fullWidth
        style={{ overflowX: 'auto' }}
      />
      {activity.isPending && <Loader aria-label="Загрузка" />}
      {activity.isError && <ApiErrorAlert error={activity.error} />}
      <ApiErrorAlert error={report.error} />
      {activity.data && activity.data.items.length === 0 && <Text>Событий пока нет.</Text>}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {activity.data?.items.map((item) => (
          <Paper key={item.id} component="li" withBorder radius="md" p="sm">
            <Event
              item={item}
              confirming={confirming === item.id}
              onAsk={() => setConfirming(item.id)}
              onCancel={() => setConfirming(null)}
              onConfirm={() => report.mutate(item.id)}
              reporting={report.isPending}
            />
          </Paper>
        ))}
      </Stack>
      {activity.data && (page > 1 || activity.data.hasMore) && (
        <Group>
          <Button variant="default" disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
            Новее
          </Button>
          <Text size="sm">Страница {page}</Text>
          <Button variant="default" disabled={!activity.data.hasMore} onClick={() => setPage((p) => p + 1)}>
            Раньше
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Event({
  item,
  confirming,
  onAsk,
  onCancel,
  onConfirm,
  reporting,
}: {
  item: ActivityItem;
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
  reporting: boolean;
}) {
  const where = [item.method, item.device, item.ip && `IP ${item.ip}`].filter(Boolean).join(' · ');
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>{item.title}</Text>
        <Text size="sm" c="dimmed">
          {formatInstant(item.at)}
        </Text>
      </Group>
      {item.detail && <Text size="sm">{item.detail}</Text>}
      {where && (
        <Text size="sm" c="dimmed">
          {where}
        </Text>
      )}
      {item.canReport && !confirming && (
        <Button
          variant="subtle"
          color="red"
          size="compact-sm"
          onClick={onAsk}
          style={{ alignSelf: 'flex-start' }}
        >
          Это был не я
        </Button>
      )}
      {confirming && (
        <Alert color="red" variant="light" title="Завершить все сеансы?">
          <Stack gap="xs">
            <Text size="sm">
              Мы завершим все сеансы, и этот тоже. Затем задайте новый пароль по коду из СМС.
            </Text>
            <Group gap="xs">
              <Button color="red" size="compact-sm" loading={reporting} onClick={onConfirm}>
                Завершить и сменить пароль
              </Button>
              <Button variant="default" size="compact-sm" onClick={onCancel}>
                Отмена
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
