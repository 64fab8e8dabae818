import { Container, Text, Title } from '@mantine/core';

/** The staff sign-in page (login, password, TOTP code). */
export function StaffSignInPage() {
  return (
    <Container size={420} py="xl">
      <Title order={1}>Вход в бэк-офис</Title>
      <Text c="dimmed">Вход по логину, паролю и коду из приложения-аутентификатора.</Text>
    </Container>
  );
}
