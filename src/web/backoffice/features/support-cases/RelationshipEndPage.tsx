import { Alert, Anchor, Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { supportCasesDeskApi } from '../../../../contracts/support-cases';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatDate, formatInstant } from '../../../i18n/format';

/** A request to end the relationship: what blocks it, and ending it when nothing does. */
export function RelationshipEndPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const key = ['bo', 'relationship-end', id];
  const shown = useQuery({
    queryKey: key,
    queryFn: () => call(supportCasesDeskApi.relationshipEnd, { params: { id } }),
  });
  const end = useMutation({
    mutationFn: () => call(supportCasesDeskApi.endRelationship, { params: { id } }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  const r = shown.data;
  if (shown.error) return <ApiErrorAlert error={shown.error} />;
  if (!r) return <Text>Загрузка…</Text>;
  const { loans, applications, refunds } = r.blockers;
  const blocked = loans + applications + refunds > 0;
  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        Прекращение отношений
      </Title>
      <Card withBorder>
        <Text>
          Клиент:{' '}
          <Anchor component={Link} to={`/backoffice/borrowers/${r.borrowerId}`}>
            {r.borrowerName}
          </Anchor>
        </Text>
        <Text>Просьба от {formatInstant(r.createdAt)}</Text>
      </Card>
      {r.status === 'ended' ? (
        <Alert color="teal">
          Отношения прекращены {r.endedAt && formatInstant(r.endedAt)}. Данные хранятся до{' '}
          {r.eraseAfter && formatDate(r.eraseAfter)}, затем подлежат уничтожению.{' '}
          <Anchor href={`/api/backoffice/relationship-ends/${r.id}/confirmation.pdf`} target="_blank">
            Подтверждение в PDF
          </Anchor>
        </Alert>
      ) : blocked ? (
        <Alert color="yellow" title="Прекратить пока нельзя">
          <List size="sm">
            {loans > 0 && <List.Item>Непогашенные займы: {loans}</List.Item>}
            {applications > 0 && <List.Item>Незавершённые заявки: {applications}</List.Item>}
            {refunds > 0 && <List.Item>Невозвращённые переплаты: {refunds}</List.Item>}
          </List>
        </Alert>
      ) : (
        <Card withBorder>
          <Stack gap="xs">
            <Text size="sm">
              Ничто не мешает. После прекращения вход и заявки закрываются, реклама и необязательные сообщения
              прекращаются, необязательные согласия отзываются, клиент получает подтверждение.
            </Text>
            <ApiErrorAlert error={end.error} />
            <Button color="red" onClick={() => end.mutate()} loading={end.isPending}>
              Прекратить отношения
            </Button>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
