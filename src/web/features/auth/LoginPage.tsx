import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { ZLogin, api, normalizeRussianMobile } from '../../../contracts';
import { call, forgetCsrfToken } from '../../api/client';
import { queryKeys, useSiteStatus } from '../../api/queries';
import { maintenanceText } from '../../app/maintenance-text';
import { returnPath } from '../../app/guards';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PasswordField, PhoneInput } from '../../components/fields';
import { FormCard } from '../../components/layout';
import { focusFirstError, validateWith } from '../../forms/validation';
import { useServerErrors } from '../../forms/useServerErrors';
import { usePageTitle } from '../../hooks/usePageTitle';
import { phoneToMaskValue } from '../../i18n/format';
import { ProviderButtons } from '../federation/ProviderButtons';
import { readAuthNavState } from './navigation-state';

export function LoginPage() {
  usePageTitle('Вход');
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { phone, notice } = readAuthNavState(location.state);

  const form = useForm({
    initialValues: { phone: phoneToMaskValue(phone), password: '' },
    validate: (values) => {
      const result = validateWith(ZLogin, values);
      return result.ok ? {} : result.errors;
    },
  });
  const errors = useServerErrors(form);

  const login = useMutation({
    mutationFn: (body: { phone: string; password: string }) => call(api.login, { body }),
    onSuccess: (me) => {
      forgetCsrfToken();
      queryClient.setQueryData(queryKeys.me, me);
      void navigate(returnPath(location.state), { replace: true });
    },
    onError: errors.show,
  });

  const submit = form.onSubmit((values) => {
    errors.clear();
    const result = validateWith(ZLogin, values);
    if (result.ok) login.mutate(result.data);
  }, focusFirstError);

  const typedPhone = normalizeRussianMobile(form.values.phone) ?? undefined;
  // Works under way or planned are said here too: a borrower who cannot sign in learns why and until when.
  const works = maintenanceText(useSiteStatus().data);

  return (
    <FormCard title="Вход в личный кабинет">
      {works && (
        <Alert color="yellow" variant="light" title={works.title}>
          {works.message}
          {works.end && ` ${works.end}`}
        </Alert>
      )}
      {notice && (
        <Alert color="teal" variant="light">
          {notice}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <PhoneInput {...form.getInputProps('phone')} autoFocus={!phone} />
          <PasswordField label="Пароль" {...form.getInputProps('password')} autoFocus={Boolean(phone)} />
          <ApiErrorAlert error={errors.alert} />
          <Button type="submit" size="md" fullWidth loading={login.isPending}>
            Войти
          </Button>
        </Stack>
      </form>
      <ProviderButtons />
      <Group justify="space-between" gap="xs">
        <Anchor component={Link} to="/recover" state={{ phone: typedPhone }} size="sm">
          Забыли пароль?
        </Anchor>
        <Anchor component={Link} to="/help#sign-in" size="sm">
          Почему не получается войти?
        </Anchor>
        <Anchor component={Link} to="/phone-change" size="sm">
          Сменить номер телефона
        </Anchor>
        <Text size="sm">
          Нет кабинета?{' '}
          <Anchor component={Link} to="/register" size="sm">
            Зарегистрируйтесь
          </Anchor>
        </Text>
      </Group>
    </FormCard>
  );
}
