import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  PHONE_CHANGE_STATUS_LABELS,
  supportCasesDeskApi,
  type DeskPhoneChange,
} from '../../../../contracts/support-cases';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatInstant, formatPhone } from '../../../i18n/format';
import { staffCan, useStaffMe } from '../../app/use-staff';

const OPENED_BY = {
  borrower: 'заёмщик в кабинете',
  guest: 'со страницы входа по паспорту',
  staff: 'специалист',
};

/**
 * A phone change case: the identity checklist (a specialist), approval (a senior, another person) or refusal with a
 * reason the borrower sees, and the borrower's earlier numbers.
 */
export function PhoneChangeCasePage() {
  const { id = '' } = useParams();
  const me = useStaffMe().data;
  const queryClient = useQueryClient();
  const key = ['bo', 'phone-change', id];
  const shown = useQuery({
    queryKey: key,
    queryFn: () => call(supportCasesDeskApi.phoneChange, { params: { id } }),
  });
  const onDone = (data: DeskPhoneChange) => queryClient.setQueryData(key, data);
  const [checks, setChecks] = useState({
    passportMatch: false,
    previousPhoneConfirmed: false,
    accountAnswersMatch: false,
  });
  const [video, setVideo] = useState({ held: false, at: '', outcome: '' });
  const [reason, setReason] = useState('');
  const checklist = useMutation({
    mutationFn: () =>
      call(supportCasesDeskApi.recordChecklist, {
        params: { id },
        body: {
          ...checks,
          videoCall: video.held ? { at: new Date(video.at).toISOString(), outcome: video.outcome } : null,
        },
      }),
    onSuccess: onDone,
  });
  const approve = useMutation({
    mutationFn: () => call(supportCasesDeskApi.approvePhoneChange, { params: { id } }),
    onSuccess: onDone,
  });
  const refuse = useMutation({
    mutationFn: () => call(supportCasesDeskApi.refusePhoneChange, { params: { id }, body: { reason } }),
    onSuccess: onDone,
  });
  const c = shown.data;
  if (shown.error) return <ApiErrorAlert error={shown.error} />;
  if (!c) return <Text>Загрузка…</Text>;
  const active = ['open', 'checked', 'approved'].includes(c.status);
  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        Смена номера телефона
      </Title>
      <Card withBorder>
        <Stack gap={4}>
          <Text>
            Клиент:{' '}
            <Anchor component={Link} to={`/backoffice/borrowers/${c.borrowerId}`}>
              {c.borrowerName}
            </Anchor>
          </Text>
          <Text>Нынешний номер: {formatPhone(c.currentPhone)}</Text>
          <Text>Новый номер: {formatPhone(c.newPhone)}</Text>
          <Text>
            Заявку открыл {OPENED_BY[c.openedBy]} {formatInstant(c.createdAt)}
          </Text>
          <Text fw={600}>Состояние: {PHONE_CHANGE_STATUS_LABELS[c.status]}</Text>
          {c.refusalReason && <Alert color="red">Причина отказа: {c.refusalReason}</Alert>}
        </Stack>
      </Card>
      {c.status !== 'open' && c.passportMatch !== null && (
        <Card withBorder>
          <Title order={2} size="h5">
            Проверка личности
          </Title>
          <Text size="sm">Паспорт совпадает: {c.passportMatch ? 'да' : 'нет'}</Text>
          <Text size="sm">Прежний номер подтверждён: {c.previousPhoneConfirmed ? 'да' : 'нет'}</Text>
          <Text size="sm">Ответы о кабинете верны: {c.accountAnswersMatch ? 'да' : 'нет'}</Text>
          <Text size="sm">
            Видеозвонок:{' '}
            {c.videoCall ? `${formatInstant(c.videoCall.at)} — ${c.videoCall.outcome}` : 'не проводился'}
          </Text>
        </Card>
      )}
      {(c.status === 'open' || c.status === 'checked') && (
        <Card withBorder>
          <Stack gap="xs">
            <Title order={2} size="h5">
              Чек-лист проверки личности
            </Title>
            <Checkbox
              label="Серия и номер паспорта совпадают"
              checked={checks.passportMatch}
              onChange={(e) => setChecks({ ...checks, passportMatch: e.currentTarget.checked })}
            />
            <Checkbox
              label="Клиент назвал прежний номер телефона"
              checked={checks.previousPhoneConfirmed}
              onChange={(e) => setChecks({ ...checks, previousPhoneConfirmed: e.currentTarget.checked })}
            />
            <Checkbox
              label="Ответы о кабинете (займы, платежи) верны"
              checked={checks.accountAnswersMatch}
              onChange={(e) => setChecks({ ...checks, accountAnswersMatch: e.currentTarget.checked })}
            />
            <Checkbox
              label="Проведён видеозвонок"
              checked={video.held}
              onChange={(e) => setVideo({ ...video, held: e.currentTarget.checked })}
            />
            {video.held && (
              <Group grow>
                <TextInput
                  type="datetime-local"
                  label="Когда"
                  value={video.at}
                  onChange={(e) => setVideo({ ...video, at: e.currentTarget.value })}
                />
                <TextInput
                  label="Итог"
                  value={video.outcome}
                  onChange={(e) => setVideo({ ...video, outcome: e.currentTarget.value })}
                />
              </Group>
            )}
            <ApiErrorAlert error={checklist.error} />
            <Button onClick={() => checklist.mutate()} loading={checklist.isPending}>
              Сохранить проверку
            </Button>
          </Stack>
        </Card>
      )}
      {c.status === 'checked' && me && staffCan(me, 'decisions.approve') && (
        <Card withBorder>
          <Stack gap="xs">
            <Text size="sm">
              Одобряет другой сотрудник, не заполнявший чек-лист. На новый номер уйдёт код; клиент вводит его
              на странице «Смена номера телефона».
            </Text>
            <ApiErrorAlert error={approve.error} />
            <Button color="teal" onClick={() => approve.mutate()} loading={approve.isPending}>
              Одобрить смену номера
            </Button>
          </Stack>
        </Card>
      )}
      {active && (
        <Card withBorder>
          <Stack gap="xs">
            <Textarea
              label="Причина отказа (её увидит клиент)"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <ApiErrorAlert error={refuse.error} />
            <Button color="red" variant="outline" onClick={() => refuse.mutate()} loading={refuse.isPending}>
              Отказать
            </Button>
          </Stack>
        </Card>
      )}
      <Card withBorder>
        <Title order={2} size="h5">
          Прежние номера
        </Title>
        {c.phoneHistory.length === 0 ? (
          <Text size="sm">Номер не менялся</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {c.phoneHistory.map((h) => (
                <Table.Tr key={h.replacedAt}>
                  <Table.Td>{formatPhone(h.phone)}</Table.Td>
                  <Table.Td>заменён {formatInstant(h.replacedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
