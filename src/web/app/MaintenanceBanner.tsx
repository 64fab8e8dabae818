import { Box, Container, Text } from '@mantine/core';
import { useSiteStatus } from '../api/queries';
import { maintenanceText } from './maintenance-text';

/** The banner of works under way or planned, from GET /api/status (read again every 15 s and on focus). */
export function MaintenanceBanner() {
  const { data: status } = useSiteStatus();
  const text = maintenanceText(status);
  if (!text) return null;
  return (
    <Box
      role="status"
      bg="yellow.1"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-yellow-3)' }}
      data-testid="maintenance-banner"
    >
      <Container size="lg">
        <Text fw={700}>{text.title}</Text>
        <Text size="sm">{text.message}</Text>
        {text.end && <Text size="sm">{text.end}</Text>}
      </Container>
    </Box>
  );
}
