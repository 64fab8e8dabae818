import { Anchor, Box, Container, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSiteStatus } from '../api/queries';

const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

export function Footer() {
  const { data: status } = useSiteStatus();
  return (
    <Box
      component="footer"
      py="lg"
      mt="xl"
      bg="gray.0"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Container size="lg">
        <Stack gap="xs">
          {status && (
            <Group gap="md">
              <Text size="sm">
                Поддержка:{' '}
                <Anchor href={telHref(status.supportPhone)} size="sm">
                  {status.supportPhone}
                </Anchor>
              </Text>
              <Anchor href={`mailto:${status.supportEmail}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {status.supportEmail}
              </Anchor>
              {status.telegramUrl && (
                <Anchor href={status.telegramUrl} target="_blank" rel="noopener noreferrer" size="sm">
                  Новости в Telegram
                </Anchor>
              )}
            </Group>
          )}
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              © {new Date().getFullYear()} {status?.companyName}
            </Text>
            {status?.demo && (
              <Group gap="md">
                <Anchor component={Link} to="/dev/sms" size="xs" c="dimmed">
                  СМС (демо)
                </Anchor>
                <Anchor component={Link} to="/dev/telegram" size="xs" c="dimmed">
                  Telegram (демо)
                </Anchor>
                <Anchor component={Link} to="/dev/business-date" size="xs" c="dimmed">
                  Операционная дата (демо)
                </Anchor>
                <Anchor component={Link} to="/dev/staff" size="xs" c="dimmed">
                  Сотрудники (демо)
                </Anchor>
              </Group>
            )}
          </Group>
        </Stack>
      </Container>
    </Box>
  );
}
