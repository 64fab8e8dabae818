import { Alert, Anchor, Button, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { engagementApi } from '../../../contracts/engagement';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { usePageTitle } from '../../hooks/usePageTitle';

/**
 * The one-click advertising withdrawal of an advertising SMS (`/ad-stop/:token`, no sign-in; 38-FZ art. 18): the
 * page confirms what the button does, one press withdraws the consent (`POST /api/advertising/stop/:token`). A link
 * works once; in the account the switch «Реклама» on «Сообщения» does the same.
 */
export function AdvertisingStopPage() {
  const { token = '' } = useParams();
  usePageTitle('Отказ от рекламы');
  const link = useQuery({
    queryKey: ['advertising-link', token],
    queryFn: () => call(engagementApi.advertisingLink, { params: { token } }),
    retry: false,
  });
  const stop = useMutation({
    mutationFn: () => call(engagementApi.useAdvertisingLink, { params: { token } }),
  });
  const done = stop.isSuccess || link.data?.used === true;
  return (
    <Stack gap="md" maw={560}>
      <Title order={1} size="h2">
        Отказ от рекламы
      </Title>
      {link.isPending && <Loader aria-label="Загрузка" />}
      <ApiErrorAlert error={link.error ?? stop.error} />
      {done && (
        <Alert color="teal" data-testid="advertising-stopped">
          Реклама отключена: сообщений об акциях, розыгрышах и специальных условиях больше не будет. Сообщения
          о ваших займах и платежах продолжат приходить.
        </Alert>
      )}
      {link.data && !done && (
        <>
          <Text>
            Нажмите кнопку, чтобы больше не получать рекламу — сообщения об акциях, розыгрышах и специальных
            условиях. Входить в личный кабинет не нужно. Сообщения о ваших займах и платежах это не затронет.
          </Text>
          <Button onClick={() => stop.mutate()} loading={stop.isPending} style={{ alignSelf: 'flex-start' }}>
            Отказаться от рекламы
          </Button>
        </>
      )}
      <Text size="sm" c="dimmed">
        Согласие на рекламу можно дать снова или отозвать в личном кабинете:{' '}
        <Anchor component={Link} to="/account/notifications">
          «Сообщения» → «Реклама»
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
