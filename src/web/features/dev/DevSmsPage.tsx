import { Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDevSms, useSiteStatus } from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatInstant, formatPhone } from '../../i18n/format';
import { NotFoundPage } from '../not-found/NotFoundPage';

/** Demo mode only: the SMS the server "sent", newest first, refreshed every 2 seconds. */
export function DevSmsPage() {
  const status = useSiteStatus();
  if (status.isPending) return <PageLoader />;
  if (!status.data?.demo) return <NotFoundPage />;
  return <DevSmsList />;
}

function DevSmsList() {
  usePageTitle('СМС (демо)');
  const sms = useDevSms(true);
  const messages = [...(sms.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          СМС (демо)
        </Title>
        <Text c="dimmed" size="sm">
          В демо-режиме СМС никуда не отправляются: здесь видно, что получил бы заёмщик. Список обновляется
          сам.
        </Text>
      </Stack>
      {sms.isPending && <Loader aria-label="Загрузка" />}
      {sms.isError && <ApiErrorAlert error={sms.error} />}
      {sms.isSuccess && messages.length === 0 && <Text c="dimmed">СМС пока не отправлялись.</Text>}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {messages.map((message) => (
          <Paper key={message.id} component="li" withBorder radius="lg" p="md">
            <Text size="sm" c="dimmed">
              {formatPhone(message.phone)} · {formatInstant(message.createdAt)}
            </Text>
            <Text style={{ overflowWrap: 'anywhere' }}>{message.text}</Text>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
