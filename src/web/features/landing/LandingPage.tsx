import { Button, Grid, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMe, useSiteStatus } from '../../api/queries';
import { usePageTitle } from '../../hooks/usePageTitle';
import { Calculator } from '../loans/Calculator';

const FEATURES = [
  {
    mark: '1',
    title: 'Всё онлайн',
    text: 'Регистрация, заявка и договор — в личном кабинете, без визита в офис.',
  },
  {
    mark: '2',
    title: 'Понятные условия',
    text: 'Сумму, срок и полную стоимость займа вы видите до подписания.',
  },
  { mark: '3', title: 'Подпись кодом из СМС', text: 'Документы подписываются простой электронной подписью.' },
];

export function LandingPage() {
  usePageTitle('Займы онлайн');
  const { data: status } = useSiteStatus();
  const { data: me } = useMe();

  return (
    <Stack gap="xl">
      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper radius="lg" p={{ base: 'lg', sm: 48 }} bg="teal.0" h="100%">
            <Stack gap="lg" maw={640}>
              <Text fw={700} c="teal.8" tt="uppercase" size="sm">
                {status?.companyName ?? '\u00a0'}
              </Text>
              <Title order={1} fz={{ base: 30, sm: 44 }} lh={1.15}>
                Займы онлайн — быстро и прозрачно
              </Title>
              <Text size="lg">
                Откройте личный кабинет за несколько минут: понадобятся номер мобильного телефона и паспорт. В
                кабинете — ваши данные, заявки и договоры.
              </Text>
              {me ? (
                <Group>
                  <Button component={Link} to="/account" size="md" w={{ base: '100%', xs: 'auto' }}>
                    Перейти в личный кабинет
                  </Button>
                </Group>
              ) : (
                <Group gap="sm">
                  <Button component={Link} to="/register" size="md" w={{ base: '100%', xs: 'auto' }}>
                    Создать личный кабинет
                  </Button>
                  <Button
                    component={Link}
                    to="/login"
                    size="md"
                    variant="default"
                    w={{ base: '100%', xs: 'auto' }}
                  >
                    У меня уже есть кабинет
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Calculator />
        </Grid.Col>
      </Grid>

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        {FEATURES.map((f) => (
          <Paper key={f.title} withBorder radius="lg" p="lg">
            <Stack gap="xs">
              <ThemeIcon radius="xl" size="lg" variant="light" aria-hidden>
                {f.mark}
              </ThemeIcon>
              <Title order={2} size="h4">
                {f.title}
              </Title>
              <Text c="dimmed">{f.text}</Text>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>

      <Text size="xs" c="dimmed">
        Займы выдаются гражданам Российской Федерации от 18 лет. Перед получением займа внимательно
        ознакомьтесь с условиями договора. Оценивайте свои возможности по возврату займа.
      </Text>
    </Stack>
  );
}
