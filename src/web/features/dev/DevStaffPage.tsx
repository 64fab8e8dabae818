import { Anchor, Code, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { devStaffApi } from '../../../contracts/dev-staff';
import { useSiteStatus } from '../../api/queries';
import { call } from '../../api/client';
import { PageLoader } from '../../app/guards';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { usePageTitle } from '../../hooks/usePageTitle';

const ROLE_LABELS = {
  specialist: 'Специалист',
  senior: 'Старший специалист',
  admin: 'Администратор',
} as const;

/** Demo mode only: the back office's demo staff — logins, passwords, TOTP secrets and the current codes. */
export function DevStaffPage() {
  const status = useSiteStatus();
  if (status.isPending) return <PageLoader />;
  if (!status.data?.demo) return <NotFoundPage />;
  return <DevStaffList />;
}

function DevStaffList() {
  usePageTitle('Сотрудники бэк-офиса (демо)');
  const staff = useQuery({
    queryKey: ['dev', 'staff'],
    queryFn: ({ signal }) => call(devStaffApi.devStaff, { signal }),
    refetchInterval: 2000,
  });
  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          Сотрудники бэк-офиса (демо)
        </Title>
        <Text c="dimmed" size="sm">
          Демо-сотрудники для входа в <Anchor href="/backoffice/login">бэк-офис</Anchor>: логин, пароль и код
          из приложения-аутентификатора (секрет можно добавить в приложение вручную). Код обновляется каждые
          30 секунд.
        </Text>
      </Stack>
      {staff.isPending && <Loader aria-label="Загрузка" />}
      {staff.isError && <ApiErrorAlert error={staff.error} />}
      <SimpleGrid
        cols={{ base: 1, md: 3 }}
        spacing="md"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {(staff.data ?? []).map((member) => (
          <Paper key={member.login} component="li" withBorder radius="lg" p="md" data-login={member.login}>
            <Stack gap={6}>
              <Text fw={700}>{ROLE_LABELS[member.role]}</Text>
              <Text size="sm">{member.displayName}</Text>
              <Text size="sm">
                Логин: <Code>{member.login}</Code>
              </Text>
              <Text size="sm">
                Пароль: <Code>{member.password}</Code>
              </Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Секрет TOTP: <Code>{member.totpSecret}</Code>
              </Text>
              <Text size="sm">
                Код сейчас:{' '}
                <Code fz="lg" data-testid={`code-${member.login}`}>
                  {member.code}
                </Code>{' '}
                <Text span c="dimmed" size="xs">
                  (ещё {member.secondsLeft} с)
                </Text>
              </Text>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
