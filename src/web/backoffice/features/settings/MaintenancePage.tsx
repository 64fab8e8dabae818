import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  MAINTENANCE_SCOPE_LABELS,
  settingsApi,
  type MaintenanceScope,
  type MaintenanceView,
} from '../../../../contracts/backoffice-settings';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatInstant } from '../../../i18n/format';
import { isoToMoscowInput, moscowInputToIso } from './moscow-time';

const key = ['bo', 'settings', 'maintenance'] as const;

type Form = {
  enabled: boolean;
  scope: MaintenanceScope;
  message: string;
  startsAt: string;
  plannedEnd: string;
};

const formOf = (view: MaintenanceView | undefined): Form => ({
  enabled: view?.setting?.enabled ?? false,
  scope: view?.setting?.scope ?? 'all',
  message: view?.setting?.message ?? '',
  startsAt: isoToMoscowInput(view?.setting?.startsAt ?? null),
  plannedEnd: isoToMoscowInput(view?.setting?.plannedEnd ?? null),
});

/** «Технические работы»: the live switch of the borrower site's maintenance (permission settings.manage). */
export function MaintenancePage() {
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call(settingsApi.maintenance, { signal }),
  });
  const [form, setForm] = useState<Form>(formOf(undefined));
  useEffect(() => setForm(formOf(view.data)), [view.data]);
  const save = useMutation({
    mutationFn: (next: Form) =>
      call(settingsApi.switchMaintenance, {
        body: {
          enabled: next.enabled,
          scope: next.scope,
          message: next.message.trim() || null,
          startsAt: moscowInputToIso(next.startsAt),
          plannedEnd: moscowInputToIso(next.plannedEnd),
        },
      }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  const data = view.data;
  return (
    <Stack maw={720}>
      <Title order={1}>Технические работы</Title>
      {data && (
        <Group gap="xs">
          <Text>Сейчас на сайте:</Text>
          {data.active ? (
            <Badge color="yellow" data-testid="maintenance-state">
              Идут работы — {MAINTENANCE_SCOPE_LABELS[data.activeScope ?? 'all'].toLowerCase()}
            </Badge>
          ) : (
            <Badge color="teal" data-testid="maintenance-state">
              Сайт работает
            </Badge>
          )}
        </Group>
      )}
      {data?.floor && (
        <Alert color="yellow" variant="light">
          Переменная окружения MAINTENANCE_MODE включена: весь сайт закрыт, что бы ни было выбрано здесь.
        </Alert>
      )}
      {data?.setting && (
        <Text size="sm" c="dimmed">
          Последнее изменение: {formatInstant(data.setting.changedAt)}
          {data.setting.changedBy ? `, ${data.setting.changedBy}` : ''}
        </Text>
      )}
      <Paper withBorder p="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(form);
          }}
        >
          <Stack>
            <Switch
              label="Технические работы включены"
              checked={form.enabled}
              onChange={(event) => setForm({ ...form, enabled: event.currentTarget.checked })}
            />
            <Radio.Group
              label="Что закрыть"
              value={form.scope}
              onChange={(value) => setForm({ ...form, scope: value as MaintenanceScope })}
            >
              <Stack gap="xs" mt="xs">
                {(Object.keys(MAINTENANCE_SCOPE_LABELS) as MaintenanceScope[]).map((scope) => (
                  <Radio key={scope} value={scope} label={MAINTENANCE_SCOPE_LABELS[scope]} />
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label="Сообщение для заёмщиков"
              description="Показывается в плашке на сайте; без него — стандартный текст"
              maxLength={500}
              autosize
              minRows={2}
              value={form.message}
              onChange={(event) => setForm({ ...form, message: event.currentTarget.value })}
            />
            <Group grow align="flex-start">
              <TextInput
                type="datetime-local"
                label="Начало (мск)"
                description="Пусто — сразу"
                value={form.startsAt}
                onChange={(event) => setForm({ ...form, startsAt: event.currentTarget.value })}
              />
              <TextInput
                type="datetime-local"
                label="Планируемое окончание (мск)"
                description="Для плашки и заголовка Retry-After"
                value={form.plannedEnd}
                onChange={(event) => setForm({ ...form, plannedEnd: event.currentTarget.value })}
              />
            </Group>
            <ApiErrorAlert error={save.error} />
            {save.isSuccess && (
              <Alert color="teal" variant="light">
                Сохранено. Все экземпляры сайта применят изменение в течение нескольких секунд.
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={save.isPending}>
                Сохранить
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
