import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { PHONE_CHANGE_STATUS_LABELS, supportCasesDeskApi } from '../../../../contracts/support-cases';
import { ZPhone } from '../../../../contracts';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { PhoneInput } from '../../../components/fields';
import { formatDate, formatInstant, formatPhone } from '../../../i18n/format';
import { staffCan, useStaffMe } from '../../app/use-staff';

/**
 * On the borrower card: earlier phone numbers, phone change cases (and opening one on a call), and whether the
 * relationship was ended (with the erasure date).
 */
export function BorrowerSupportCases({ borrowerId }: { borrowerId: string }) {
  const { data: me } = useStaffMe();
  const navigate = useNavigate();
  const shown = useQuery({
    queryKey: ['bo', 'borrower', borrowerId, 'support-cases'],
    queryFn: () => call(supportCasesDeskApi.borrowerCases, { params: { id: borrowerId } }),
  });
  const form = useForm({ initialValues: { newPhone: '' } });
  const open = useMutation({
    mutationFn: (newPhone: string) =>
      call(supportCasesDeskApi.openPhoneChange, { body: { borrowerId, newPhone } }),
    onSuccess: (c) => void navigate(`/backoffice/phone-changes/${c.id}`),
  });
  const d = shown.data;
  if (!d) return <ApiErrorAlert error={shown.error} />;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h5">
          Номера телефона и прекращение отношений
        </Title>
        {d.endedAt && (
          <Alert color="gray">
            Отношения прекращены {formatInstant(d.endedAt)}; данные подлежат уничтожению после{' '}
            {d.eraseAfter && formatDate(d.eraseAfter)}.
          </Alert>
        )}
        <Text size="sm">
          Прежние номера:{' '}
          {d.phoneHistory.length === 0
            ? 'нет'
            : d.phoneHistory
                .map((h) => `${formatPhone(h.phone)} (до ${formatInstant(h.replacedAt)})`)
                .join(', ')}
        </Text>
        {d.phoneChanges.length > 0 && (
          <Table>
            <Table.Tbody>
              {d.phoneChanges.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/backoffice/phone-changes/${c.id}`}>
                      {formatInstant(c.createdAt)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatPhone(c.newPhone)}</Table.Td>
                  <Table.Td>{PHONE_CHANGE_STATUS_LABELS[c.status]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {staffCan(me, 'queues.work') && !d.endedAt && (
          <form
            onSubmit={form.onSubmit((values) => {
              const parsed = ZPhone.safeParse(values.newPhone);
              if (!parsed.success) form.setErrors({ newPhone: 'Неверный номер' });
              else open.mutate(parsed.data);
            })}
          >
            <Group align="end">
              <PhoneInput label="Новый номер (со слов клиента)" {...form.getInputProps('newPhone')} />
              <Button type="submit" variant="light" loading={open.isPending}>
                Открыть заявку на смену номера
              </Button>
            </Group>
            <ApiErrorAlert error={open.error} />
          </form>
        )}
      </Stack>
    </Card>
  );
}
