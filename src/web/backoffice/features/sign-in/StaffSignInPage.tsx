import {
  Alert,
  Button,
  Code,
  Container,
  Image,
  List,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { accessApi, type StaffSignInResult } from '../../../../contracts/backoffice-access';
import { call, forgetCsrfToken } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { boKeys } from '../../app/query-client';

type Enrolment = Extract<StaffSignInResult, { status: 'enrolment' }>;

/**
 * The staff sign-in page: login, password and the 6-digit code of the authenticator app. A member signing in for
 * the first time (or after an admin reset their authenticator) leaves the code empty and gets the enrolment step:
 * the QR code and the secret to type by hand; the first code from the app confirms it. After success: /backoffice.
 */
export function StaffSignInPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  useEffect(() => {
    document.title = 'Вход в бэк-офис';
  }, []);

  const form = useForm({
    initialValues: { login: '', password: '', code: '' },
    validate: {
      login: (value) => (value.trim() === '' ? 'Введите логин' : null),
      password: (value) => (value === '' ? 'Введите пароль' : null),
      code: (value) =>
        value !== '' && !/^\d{6}$/.test(value)
          ? 'Код — 6 цифр'
          : enrolment && value === ''
            ? 'Введите код из приложения'
            : null,
    },
  });

  const signIn = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(accessApi.staffSignIn, {
        body: {
          login: values.login,
          password: values.password,
          ...(values.code ? { code: values.code } : {}),
        },
      }),
    onSuccess: (result) => {
      if (result.status === 'enrolment') {
        setEnrolment(result);
        form.setFieldValue('code', '');
        return;
      }
      forgetCsrfToken();
      queryClient.setQueryData(boKeys.me, result.me);
      void navigate('/backoffice', { replace: true });
    },
  });

  return (
    <Container size={enrolment ? 560 : 420} py="xl" px="md">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2">
            Вход в бэк-офис
          </Title>
          <Text c="dimmed" size="sm">
            Логин, пароль и код из приложения-аутентификатора.
          </Text>
        </Stack>
        <Paper withBorder radius="md" p="lg">
          <form
            noValidate
            onSubmit={form.onSubmit((values) => signIn.mutate(values))}
            aria-label="Вход в бэк-офис"
          >
            <Stack gap="md">
              <TextInput
                label="Логин"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                readOnly={enrolment !== null}
                required
                withAsterisk={false}
                {...form.getInputProps('login')}
              />
              <PasswordInput
                label="Пароль"
                autoComplete="current-password"
                readOnly={enrolment !== null}
                required
                withAsterisk={false}
                {...form.getInputProps('password')}
              />
              {enrolment && <EnrolmentStep enrolment={enrolment} />}
              <TextInput
                label="Код из приложения"
                description={
                  enrolment
                    ? undefined
                    : 'Входите впервые? Оставьте код пустым: мы покажем, как подключить приложение.'
                }
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
                placeholder="123456"
                {...form.getInputProps('code')}
                onChange={(event) => form.setFieldValue('code', event.currentTarget.value.replace(/\D/g, ''))}
              />
              {signIn.isError && <ApiErrorAlert error={signIn.error} />}
              <Button type="submit" loading={signIn.isPending} fullWidth>
                {enrolment ? 'Подтвердить и войти' : 'Войти'}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Container>
  );
}

/** The enrolment step: the QR code for the authenticator app, and the secret for typing it in by hand. */
function EnrolmentStep({ enrolment }: { enrolment: Enrolment }) {
  return (
    <Alert color="blue" variant="light" title="Подключите приложение-аутентификатор">
      <Stack gap="sm">
        <List type="ordered" size="sm" spacing={4}>
          <List.Item>
            Откройте приложение-аутентификатор (Яндекс Ключ, Google Authenticator, FreeOTP и другие).
          </List.Item>
          <List.Item>Отсканируйте QR-код или введите секрет вручную.</List.Item>
          <List.Item>Введите 6-значный код, который покажет приложение.</List.Item>
        </List>
        <Image
          src={enrolment.qrDataUrl}
          alt="QR-код для подключения приложения-аутентификатора"
          w={200}
          h={200}
          fit="contain"
          bg="white"
        />
        <Text size="sm">
          Секрет:{' '}
          <Code data-testid="totp-secret" style={{ overflowWrap: 'anywhere' }}>
            {enrolment.secret}
          </Code>
        </Text>
      </Stack>
    </Alert>
  );
}
