import { Progress, Stack } from '@mantine/core';
import { useState } from 'react';
import type { CodeSent } from '../../../contracts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { FormCard } from '../../components/layout';
import { resendAtOf } from '../../components/ResendCode';
import { usePageTitle } from '../../hooks/usePageTitle';
import { useSessionState } from '../../hooks/useSessionState';
import { ProviderButtons } from '../federation/ProviderButtons';
import { ConfirmStep } from './ConfirmStep';
import { DetailsStep } from './DetailsStep';
import { StartStep } from './StartStep';
import { REGISTRATION_START, REGISTRATION_STORAGE_KEY, ZRegistrationState } from './state';

const STEPS = {
  start: 'Телефон и пароль',
  confirm: 'Подтверждение телефона',
  details: 'Паспортные данные',
} as const;
const STEP_NUMBER = { start: 1, confirm: 2, details: 3 } as const;

/** Registration: phone and password → the SMS code → the person, passport and consents. */
export function RegisterPage() {
  usePageTitle('Регистрация');
  const [state, setState] = useSessionState(REGISTRATION_STORAGE_KEY, ZRegistrationState, REGISTRATION_START);
  // Why the user was sent back a step (the registration expired, say), shown above the step.
  const [notice, setNotice] = useState<unknown>(null);

  const codeSent = (sent: CodeSent) =>
    setState({ step: 'confirm', id: sent.id, phoneMasked: sent.phoneMasked, resendAt: resendAtOf(sent) });
  const restart = (reason: unknown) => {
    setNotice(reason);
    setState(null);
  };
  const step = STEP_NUMBER[state.step];

  return (
    <FormCard title="Регистрация" subtitle={`Шаг ${step} из 3 · ${STEPS[state.step]}`}>
      <Stack gap="md">
        <Progress value={(step / 3) * 100} size="sm" aria-hidden />
        <ApiErrorAlert error={notice} />
        {state.step === 'start' && (
          <StartStep
            onStarted={(sent) => {
              setNotice(null);
              codeSent(sent);
            }}
          />
        )}
        {state.step === 'start' && <ProviderButtons />}
        {state.step === 'confirm' && (
          <ConfirmStep
            state={state}
            onConfirmed={() => {
              setNotice(null);
              setState({ step: 'details', id: state.id, phoneMasked: state.phoneMasked });
            }}
            onResent={codeSent}
            onResendPause={(resendAt) => setState({ ...state, resendAt })}
            onRestart={restart}
          />
        )}
        {state.step === 'details' && (
          <DetailsStep
            state={state}
            onRestart={restart}
            onPhoneNotConfirmed={(reason) => {
              setNotice(reason);
              setState({
                step: 'confirm',
                id: state.id,
                phoneMasked: state.phoneMasked,
                resendAt: Date.now(),
              });
            }}
            onDone={() => setState(null)}
          />
        )}
      </Stack>
    </FormCard>
  );
}
