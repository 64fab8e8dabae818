import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { federationApi, ZProviderId } from '../../../contracts';
import { call, forgetCsrfToken } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { FormCard } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';

/**
 * Where Gosuslugi or T-ID send the person back (`/federation/:provider/callback?code&state` or `?error`): the
 * answer goes to our API once, then on: the account (signed in), the registration form filled by the provider,
 * the page that links the provider to an existing account, or the profile (linked). Failures are shown with the
 * ways on: sign in by phone, or register.
 */
export function FederationCallbackPage() {
  usePageTitle('Вход');
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const provider = ZProviderId.safeParse(params.provider);
  const sent = useRef(false);

  const callback = useMutation({
    mutationFn: () =>
      call(federationApi.callback, {
        params: { provider: provider.success ? provider.data : 'esia' },
        body: {
          state: search.get('state') ?? '',
          ...(search.get('code') ? { code: search.get('code')! } : {}),
          ...(search.get('error') ? { error: search.get('error')! } : {}),
        },
      }),
    onSuccess: (outcome) => {
      switch (outcome.outcome) {
        case 'signed-in':
          forgetCsrfToken();
          queryClient.setQueryData(queryKeys.me, outcome.me);
          void navigate('/account', { replace: true });
          return;
        case 'register':
          void navigate(`/register/provider/${outcome.attemptId}`, { replace: true });
          return;
        case 'link':
          void navigate(`/login/provider/${outcome.attemptId}`, { replace: true });
          return;
        case 'refresh':
          void navigate('/account/profile/passport-from-esia', {
            replace: true,
            state: { passport: outcome.passport },
          });
          return;
        case 'linked':
          void queryClient.invalidateQueries({ queryKey: ['me', 'providers'] });
          void navigate('/account/profile', { replace: true });
          return;
      }
    },
  });

  const { mutate } = callback;
  useEffect(() => {
    // Once: the code is single-use (React's development double effects must not send it twice).
    if (sent.current || !provider.success) return;
    sent.current = true;
    mutate();
  }, [mutate, provider.success]);

  if (provider.success && !callback.isError) return <PageLoader />;
  return (
    <FormCard title="Не удалось войти">
      <Stack gap="md">
        {callback.isError ? <ApiErrorAlert error={callback.error} /> : <Text>Неизвестный способ входа.</Text>}
        <Group gap="lg">
          <Anchor component={Link} to="/login">
            Войти по номеру телефона
          </Anchor>
          <Anchor component={Link} to="/register">
            Зарегистрироваться
          </Anchor>
        </Group>
      </Stack>
    </FormCard>
  );
}
