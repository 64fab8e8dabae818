import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../../hooks/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Страница не найдена');
  return (
    <Stack align="center" ta="center" py="xl" gap="md">
      <Text fz={64} fw={800} c="teal.7" lh={1} aria-hidden>
        404
      </Text>
      <Title order={1} size="h2">
        Страница не найдена
      </Title>
      <Text c="dimmed" maw={420}>
        Возможно, ссылка устарела или в адресе опечатка. Перейдите на главную страницу.
      </Text>
      <Button component={Link} to="/">
        На главную
      </Button>
    </Stack>
  );
}
