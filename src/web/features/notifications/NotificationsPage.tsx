import { Alert, Button, Group, Loader, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { OPTIONAL_NOTIFICATION_KINDS, api, type NotificationSettings } from '../../../contracts';
import { call } from '../../api/client';
import { queryKeys, useNotifications, useNotificationSettings } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatInstant } from '../../i18n/format';
import { AdvertisingConsent } from '../engagement/AdvertisingConsent';
import { TelegramLinkSection } from './TelegramLink';

type OptionalKind = (typeof OPTIONAL_NOTIFICATION_KINDS)[number];

export const OPTIONAL_KIND_LABELS: Record<OptionalKind, string> = {
  due_in_3_days: 'За 3 дня до платежа',
  due_tomorrow: 'За день до платежа',
  due_today: 'В день платежа',
  payment_credited: 'Платёж зачислен',
  support_answer: 'Ответ специалиста на ваш вопрос',
};

/** The messages of the account, newest first, and which optional SMS the borrower gets. */
export function NotificationsPage() {
  usePageTitle('Сообщения');
  return (
    <Stack gap="lg" maw={720}>
      <Title order={1} size="h2">
        Сообщения
      </Title>
      <NotificationList />
      <SmsSettings />
      <TelegramLinkSection />
      <AdvertisingConsent />
    </Stack>
  );
}

function NotificationList() {
  const queryClient = useQueryClient();
  const notifications = useNotifications();
  const read = useMutation({
    mutationFn: () => call(api.readNotifications),
    onSuccess: () => {
      queryClient.setQueryData(queryKeys.notifications, (prev: typeof notifications.data) =>
        prev ? { items: prev.items.map((n) => ({ ...n, read: true })), unread: 0 } : prev,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
    },
  });
  const items = [...(notifications.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const unread = notifications.data?.unread ?? 0;

  return (
    <Stack gap="sm">
      {notifications.isPending && <Loader aria-label="Загрузка" />}
      {notifications.isError && <ApiErrorAlert error={notifications.error} />}
      {notifications.isSuccess && (
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {unread > 0 ? `Непрочитанных: ${unread}` : 'Новых сообщений нет'}
          </Text>
          {unread > 0 && (
            <Button variant="light" size="sm" onClick={() => read.mutate()} loading={read.isPending}>
              Отметить прочитанными
            </Button>
          )}
        </Group>
      )}
      <ApiErrorAlert error={read.error} />
      {notifications.isSuccess && items.length === 0 && <Text c="dimmed">Сообщений пока нет.</Text>}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Сообщения">
        {items.map((n) => (
          <Paper
            key={n.id}
            component="li"
            withBorder
            radius="lg"
            p="md"
            bg={n.read ? undefined : 'teal.0'}
            style={n.read ? undefined : { borderColor: 'var(--mantine-color-teal-3)' }}
          >
            <Text size="xs" c="dimmed">
              {formatInstant(n.createdAt)} мск
              {!n.read && ' · новое'}
            </Text>
            <Text fw={n.read ? 400 : 700} style={{ overflowWrap: 'anywhere' }}>
              {n.text}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

/** A switch per optional SMS; a change is saved at once and shown as on while it is being saved. */
function SmsSettings() {
  const queryClient = useQueryClient();
  const settings = useNotificationSettings();
  const save = useMutation({
    mutationFn: (next: NotificationSettings) => call(api.updateNotificationSettings, { body: next }),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.notificationSettings, saved),
  });
  const shown = save.isPending ? save.variables : settings.data;

  return (
    <Section title="СМС-уведомления">
      {settings.isPending && <Loader aria-label="Загрузка" />}
      {settings.isError && <ApiErrorAlert error={settings.error} />}
      {shown && (
        <Stack gap="sm" role="group" aria-label="Какие СМС присылать">
          {OPTIONAL_NOTIFICATION_KINDS.map((kind) => (
            <Switch
              key={kind}
              label={OPTIONAL_KIND_LABELS[kind]}
              checked={shown.sms[kind]}
              disabled={save.isPending}
              onChange={(event) =>
                save.mutate({ sms: { ...shown.sms, [kind]: event.currentTarget.checked } })
              }
            />
          ))}
        </Stack>
      )}
      <ApiErrorAlert error={save.error} />
      <Alert color="gray" variant="light">
        <Text size="sm">
          Сообщения о просроченной задолженности, продлении займа и его погашении мы присылаем всегда — их
          отключить нельзя. Все сообщения, в том числе отключённые СМС, показываются здесь.
        </Text>
      </Alert>
    </Section>
  );
}
