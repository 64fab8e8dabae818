import { Anchor, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { federationApi, type CodeSent } from '../../../contracts';
import { call } from '../../api/client';
import { PageLoader } from '../../app/guards';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { FormCard } from '../../components/layout';
import { resendAtOf } from '../../components/ResendCode';
import { usePageTitle } from '../../hooks/usePageTitle';
import { useSessionState } from '../../hooks/useSessionState';
import { ConfirmStep } from '../registration/ConfirmStep';
import { StartStep } from '../registration/StartStep';
import { FederatedDetailsStep } from './FederatedDetailsStep';
import { PROVIDER_LABELS, ZFederatedRegistrationState, federatedRegistrationKey } from './federation-state';

const STEPS = {
  start: 'Телефон и пароль',
  confirm: 'Подтверждение телефона',
  details: 'Данные и согласия',
} as const;
const STEP_NUMBER = { start: 1, confirm: 2, details: 3 } as const;
const START = { step: 'start' } as const;

/**
 * Registration after Gosuslugi or T-ID found no account: phone (the provider's, filled in) and password → the SMS
 * code (a phone is always confirmed) → the provider's data (locked where Gosuslugi vouches; T-ID's only fill the
 * form, and what the person did not share is asked for) and the three consents. No captcha.
 */
export function FederatedRegisterPage() {
  usePageTitle('Регистрация');
  const attemptId = useParams().attemptId ?? '';
  const attempt = useQuery({
    queryKey: ['federation', 'attempt', attemptId],
    queryFn: ({ signal }) => call(federationApi.attempt, { params: { id: attemptId }, signal }),
    retry: false,
    staleTime: Infinity,
  });
  const [state, setState] = useSessionState(
    federatedRegistrationKey(attemptId),
    ZFederatedRegistrationState,
    START,
  );
  const [notice, setNotice] = useState<unknown>(null);

  if (attempt.isPending) return <PageLoader />;
  if (attempt.isError || attempt.data.outcome !== 'register')
    return (
      <FormCard title="Регистрация">
        <ApiErrorAlert error={attempt.error ?? new Error('gone')} />
        <Anchor component={Link} to="/register">
          Начать регистрацию заново
        </Anchor>
      </FormCard>
    );

  const { provider, person } = attempt.data;
  const codeSent = (sent: CodeSent) =>
    setState({ step: 'confirm', id: sent.id, phoneMasked: sent.phoneMasked, resendAt: resendAtOf(sent) });
  const restart = (reason: unknown) => {
    setNotice(reason);
    setState(null);
  };
  const step = STEP_NUMBER[state.step];

  return (
    <FormCard
      title={`Регистрация через ${PROVIDER_LABELS[provider]}`}
      subtitle={`Шаг ${step} из 3 · ${STEPS[state.step]}`}
    >
      <Stack gap="md">
        <Progress value={(step / 3) * 100} size="sm" aria-hidden />
        <ApiErrorAlert error={notice} />
        {state.step === 'start' && (
          <>
            <Text size="sm">
              {PROVIDER_LABELS[provider]} передали ваши данные. Подтвердите номер телефона и придумайте пароль
              — им тоже можно будет входить.
            </Text>
            <StartStep
              initialPhone={person.phone ?? undefined}
              startWith={(body) => call(federationApi.registrationStart, { params: { id: attemptId }, body })}
              onStarted={(sent) => {
                setNotice(null);
                codeSent(sent);
              }}
            />
          </>
        )}
        {state.step === 'confirm' && (
          <ConfirmStep
            state={state}
            onConfirmed={() => setState({ step: 'details', id: state.id, phoneMasked: state.phoneMasked })}
            onResent={codeSent}
            onResendPause={(resendAt) => setState({ ...state, resendAt })}
            onRestart={restart}
          />
        )}
        {state.step === 'details' && (
          <FederatedDetailsStep
            registrationId={state.id}
            phoneMasked={state.phoneMasked}
            provider={provider}
            person={person}
            onRestart={restart}
            onDone={() => setState(null)}
          />
        )}
      </Stack>
    </FormCard>
  );
}
