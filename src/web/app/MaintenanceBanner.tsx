import { Box, Container, Text } from '@mantine/core';
import { useSiteStatus } from '../api/queries';

export function MaintenanceBanner() {
  const { data: status } = useSiteStatus();
  if (!status?.maintenance) return null;
  return (
    <Box
      role="status"
      bg="yellow.1"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-yellow-3)' }}
    >
      <Container size="lg">
        <Text fw={700}>На сайте проводятся технические работы</Text>
        <Text size="sm">
          {status.maintenanceMessage ?? 'Некоторые действия сейчас недоступны. Пожалуйста, попробуйте позже.'}
        </Text>
      </Container>
    </Box>
  );
}
