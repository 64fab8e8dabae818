import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Menu,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import 'mantine-datatable/styles.css';
import { useState } from 'react';
import { STAFF_ROLE_LABELS, ZStaffRole, type StaffRole } from '../../../../contracts/backoffice';
import { accessApi, ZStaffLogin, type StaffMember } from '../../../../contracts/backoffice-access';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { formatInstant } from '../../../i18n/format';
import { useStaffMe } from '../../app/use-staff';

const staffKey = ['bo', 'staff'] as const;
const ROLE_OPTIONS = ZStaffRole.options.map((role) => ({ value: role, label: STAFF_ROLE_LABELS[role] }));

/**
 * «Сотрудники» (admins, `staff.manage`): the staff list; create a member (the generated password is shown once),
 * block or unblock, reset the authenticator, change the role. The server refuses blocking oneself and leaving no
 * active admin, and audits each change.
 */
export function StaffPage() {
  const { data: me } = useStaffMe();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ login: string; password: string } | null>(null);
  const staff = useQuery({
    queryKey: staffKey,
    queryFn: ({ signal }) => call(accessApi.staffList, { signal }),
  });

  const change = useMutation({
    mutationFn: ({
      member,
      what,
    }: {
      member: StaffMember;
      what: 'block' | 'unblock' | 'reset' | StaffRole;
    }) => {
      const params = { id: member.id };
      switch (what) {
        case 'block':
          return call(accessApi.staffBlock, { params });
        case 'unblock':
          return call(accessApi.staffUnblock, { params });
        case 'reset':
          return call(accessApi.staffResetTotp, { params });
        default:
          return call(accessApi.staffChangeRole, { params, body: { role: what } });
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKey }),
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          Сотрудники
        </Title>
        <Button onClick={() => setCreating(true)}>Добавить сотрудника</Button>
      </Group>
      {created && (
        <Alert
          color="green"
          variant="light"
          title="Сотрудник создан"
          withCloseButton
          onClose={() => setCreated(null)}
        >
          <Text size="sm">
            Логин <Code>{created.login}</Code>, пароль{' '}
            <Code data-testid="new-password">{created.password}</Code>. Пароль показывается один раз:
            передайте его сотруднику. Приложение-аутентификатор он подключит при первом входе.
          </Text>
        </Alert>
      )}
      {staff.isError && <ApiErrorAlert error={staff.error} />}
      {change.isError && <ApiErrorAlert error={change.error} />}
      <DataTable
        withTableBorder
        striped
        highlightOnHover
        minHeight={160}
        fetching={staff.isPending}
        noRecordsText="Сотрудников нет"
        records={staff.data ?? []}
        idAccessor="id"
        columns={[
          { accessor: 'login', title: 'Логин' },
          { accessor: 'displayName', title: 'ФИО' },
          { accessor: 'role', title: 'Роль', render: (m) => STAFF_ROLE_LABELS[m.role] },
          {
            accessor: 'status',
            title: 'Статус',
            noWrap: true,
            render: (m) =>
              m.status === 'active' ? (
                <Badge color="green" variant="light" tt="none" style={{ overflow: 'visible' }}>
                  Активен
                </Badge>
              ) : (
                <Badge color="red" variant="light" tt="none" style={{ overflow: 'visible' }}>
                  Заблокирован
                </Badge>
              ),
          },
          {
            accessor: 'totpEnrolled',
            title: 'Аутентификатор',
            render: (m) => (m.totpEnrolled ? 'Подключён' : 'Не подключён'),
          },
          { accessor: 'createdAt', title: 'Создан', render: (m) => formatInstant(m.createdAt) },
          {
            accessor: 'actions',
            title: <VisuallyHidden>Действия</VisuallyHidden>,
            textAlign: 'right',
            render: (m) => (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button size="compact-sm" variant="light" aria-label={`Действия: ${m.login}`}>
                    Действия
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {m.status === 'active' ? (
                    <Menu.Item
                      color="red"
                      disabled={m.id === me?.id}
                      onClick={() => change.mutate({ member: m, what: 'block' })}
                    >
                      Заблокировать
                    </Menu.Item>
                  ) : (
                    <Menu.Item onClick={() => change.mutate({ member: m, what: 'unblock' })}>
                      Разблокировать
                    </Menu.Item>
                  )}
                  <Menu.Item onClick={() => change.mutate({ member: m, what: 'reset' })}>
                    Сбросить аутентификатор
                  </Menu.Item>
                  <Menu.Label>Сменить роль</Menu.Label>
                  {ROLE_OPTIONS.filter((o) => o.value !== m.role).map((o) => (
                    <Menu.Item key={o.value} onClick={() => change.mutate({ member: m, what: o.value })}>
                      {o.label}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            ),
          },
        ]}
      />
      <CreateStaffModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(login, password) => {
          setCreating(false);
          setCreated({ login, password });
          void queryClient.invalidateQueries({ queryKey: staffKey });
        }}
      />
    </Stack>
  );
}

function CreateStaffModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (login: string, password: string) => void;
}) {
  const form = useForm({
    initialValues: { login: '', displayName: '', role: 'specialist' as StaffRole },
    validate: {
      login: (value) => {
        const parsed = ZStaffLogin.safeParse(value);
        return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Проверьте логин');
      },
      displayName: (value) => (value.trim() === '' ? 'Введите ФИО' : null),
    },
  });
  const create = useMutation({
    mutationFn: (body: typeof form.values) => call(accessApi.staffCreate, { body }),
    onSuccess: (result) => {
      form.reset();
      onCreated(result.member.login, result.password);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Новый сотрудник">
      <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack gap="md">
          <TextInput label="Логин" required autoCapitalize="none" {...form.getInputProps('login')} />
          <TextInput label="ФИО" required {...form.getInputProps('displayName')} />
          <Select label="Роль" data={ROLE_OPTIONS} allowDeselect={false} {...form.getInputProps('role')} />
          {create.isError && <ApiErrorAlert error={create.error} />}
          <Button type="submit" loading={create.isPending}>
            Создать
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
