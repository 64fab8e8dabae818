import { Loader, Paper, Stack, Text } from '@mantine/core';
import { usePassportHistory } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { formatDate, formatInstantDate } from '../../i18n/format';

export function PassportHistory() {
  const history = usePassportHistory();
  if (history.isPending) return <Loader size="sm" aria-label="Загрузка" />;
  if (history.isError) return <ApiErrorAlert error={history.error} />;
  if (history.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Прежних паспортов нет.
      </Text>
    );
  return (
    <Stack gap="xs">
      {history.data.map((item) => (
        <Paper key={`${item.seriesAndNumberMasked}-${item.replacedAt}`} withBorder p="sm" radius="md">
          <Text fw={600}>{item.seriesAndNumberMasked}</Text>
          <Text size="sm" c="dimmed">
            Выдан {formatDate(item.issueDate)} · действовал в кабинете с {formatInstantDate(item.validFrom)}{' '}
            по {formatInstantDate(item.replacedAt)}
          </Text>
          {item.fullName && <Text size="sm">На имя: {item.fullName}</Text>}
          {item.contracts.length > 0 && (
            <Text size="sm">Подписаны с этим паспортом: договоры № {item.contracts.join(', № ')}</Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
