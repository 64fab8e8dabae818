import { Anchor, Button, SegmentedControl, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { federationApi, type CodeSent } from '../../../contracts';
import { call, forgetCsrfToken } from '../../api/client';
import { queryKeys, useSiteStatus } from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { CodeInput, PasswordField } from '../../components/fields';
import { FormCard } from '../../components/layout';
import { useServerErrors } from '../../forms/useServerErrors';
import { usePageTitle } from '../../hooks/usePageTitle';
import { PROVIDER_LABELS } from './federation-state';

/**
 * The provider's person matched an existing account: before the provider is linked (and the person signed in),
 * they prove they control that account — an SMS code to its current phone, or its password. Without access to that
 * phone: the phone change through a specialist.
 */
export function ProviderLinkPage() {
  usePageTitle('Привязка входа');
  const attemptId = useParams().attemptId ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: status } = useSiteStatus();
  const [method, setMethod] = useState<'code' | 'password'>('code');
  const [sent, setSent] = useState<CodeSent | null>(null);
  const attempt = useQuery({
    queryKey: ['federation', 'attempt', attemptId],
    queryFn: ({ signal }) => call(federationApi.attempt, { params: { id: attemptId }, signal }),
    retry: false,
    staleTime: Infinity,
  });
  const form = useForm({ initialValues: { code: '', password: '' } });
  const errors = useServerErrors(form);
  const sendCode = useMutation({
    mutationFn: () => call(federationApi.linkCode, { params: { id: attemptId } }),
    onSuccess: setSent,
    onError: errors.show,
  });
  const link = useMutation({
    mutationFn: (body: { code: string } | { password: string }) =>
      call(federationApi.link, { params: { id: attemptId }, body }),
    onSuccess: (me) => {
      forgetCsrfToken();
      queryClient.setQueryData(queryKeys.me, me);
      void navigate('/account', { replace: true });
    },
    onError: errors.show,
  });

  if (attempt.isPending) return <PageLoader />;
  if (attempt.isError || attempt.data.outcome !== 'link')
    return (
      <FormCard title="Привязка входа">
        <ApiErrorAlert error={attempt.error ?? new Error('gone')} />
        <Anchor component={Link} to="/login">
          Войти по номеру телефона
        </Anchor>
      </FormCard>
    );
  const name = PROVIDER_LABELS[attempt.data.provider];
  const submit = form.onSubmit((values) => {
    errors.clear();
    link.mutate(method === 'code' ? { code: values.code.trim() } : { password: values.password });
  });

  return (
    <FormCard title={`Вход через ${name}`} subtitle="У вас уже есть личный кабинет">
      <Stack gap="md">
        <Text size="sm">
          Мы нашли ваш личный кабинет с телефоном <b>{attempt.data.phoneMasked}</b>. Чтобы входить в него
          через {name}, подтвердите, что кабинет ваш: кодом из СМС на этот телефон или паролем от кабинета.
        </Text>
        <SegmentedControl
          fullWidth
          value={method}
          onChange={(v) => setMethod(v as 'code' | 'password')}
          data={[
            { value: 'code', label: 'Код из СМС' },
            { value: 'password', label: 'Пароль' },
          ]}
        />
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {method === 'code' ? (
              sent ? (
                <>
                  <Text size="sm">Код отправлен на номер {sent.phoneMasked}.</Text>
                  <CodeInput {...form.getInputProps('code')} autoFocus />
                </>
              ) : (
                <Button variant="light" loading={sendCode.isPending} onClick={() => sendCode.mutate()}>
                  Получить код
                </Button>
              )
            ) : (
              <PasswordField label="Пароль от личного кабинета" {...form.getInputProps('password')} />
            )}
            <ApiErrorAlert error={errors.alert} />
            {(method === 'password' || sent) && (
              <Button type="submit" size="md" fullWidth loading={link.isPending}>
                Привязать {name} и войти
              </Button>
            )}
          </Stack>
        </form>
        <Text size="sm" c="dimmed">
          Нет доступа к этому телефону? Номер меняет специалист после проверки личности
          {status ? `: позвоните ${status.supportPhone}` : ''}.
        </Text>
      </Stack>
    </FormCard>
  );
}
