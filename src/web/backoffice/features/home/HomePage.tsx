import { Stack, Text, Title } from '@mantine/core';
import { STAFF_ROLE_LABELS } from '../../../../contracts/backoffice';
import { useStaffMe } from '../../app/use-staff';

/** The back office's first page. */
export function HomePage() {
  const { data: me } = useStaffMe();
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>Здравствуйте, {me.displayName}</Title>
      <Text>Роль: {STAFF_ROLE_LABELS[me.role]}</Text>
    </Stack>
  );
}
