import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { ZRecoveryComplete, ZRecoveryStart, api, type CodeSent } from '../../../contracts';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { CodeInput, NewPasswordFields, PhoneInput } from '../../components/fields';
import { FormCard } from '../../components/layout';
import { ResendCode, resendAtOf } from '../../components/ResendCode';
import { useCodeStep } from '../../components/useCodeStep';
import { focusFirstError, mergeErrors, repeatPasswordErrors, validateWith } from '../../forms/validation';
import { useServerErrors } from '../../forms/useServerErrors';
import { usePageTitle } from '../../hooks/usePageTitle';
import { useSessionState } from '../../hooks/useSessionState';
import { phoneToMaskValue } from '../../i18n/format';
import { PASSWORD_CHANGED } from '../../i18n/texts';
import { readAuthNavState } from './navigation-state';

const ZRecoveryState = z.union([
  z.object({ step: z.literal('phone') }),
  z.object({
    step: z.literal('code'),
    id: z.string(),
    phone: z.string(),
    phoneMasked: z.string(),
    resendAt: z.number(),
  }),
]);
type RecoveryState = z.infer<typeof ZRecoveryState>;
const INITIAL: RecoveryState = { step: 'phone' };

/** «Забыли пароль»: the phone, then one screen with the SMS code and the new password. */
export function RecoverPage() {
  usePageTitle('Восстановление пароля');
  const [state, setState] = useSessionState('recovery', ZRecoveryState, INITIAL);
  const [restartReason, setRestartReason] = useState<unknown>(null);

  const codeSent = (phone: string, sent: CodeSent) =>
    setState({
      step: 'code',
      id: sent.id,
      phone,
      phoneMasked: sent.phoneMasked,
      resendAt: resendAtOf(sent),
    });

  return (
    <FormCard title="Восстановление пароля">
      {state.step === 'phone' ? (
        <PhoneStep
          restartReason={restartReason}
          onSent={(phone, sent) => {
            setRestartReason(null);
            codeSent(phone, sent);
          }}
        />
      ) : (
        <CodeStep
          state={state}
          onResent={(sent) => codeSent(state.phone, sent)}
          onResendPause={(resendAt) => setState({ ...state, resendAt })}
          onRestart={(reason) => {
            setRestartReason(reason);
            setState(null);
          }}
          onDone={() => setState(null)}
        />
      )}
    </FormCard>
  );
}

function PhoneStep({
  restartReason,
  onSent,
}: {
  restartReason: unknown;
  onSent: (phone: string, sent: CodeSent) => void;
}) {
  const location = useLocation();
  const form = useForm({
    initialValues: { phone: phoneToMaskValue(readAuthNavState(location.state).phone) },
    validate: (values) => {
      const result = validateWith(ZRecoveryStart, values);
      return result.ok ? {} : result.errors;
    },
  });
  const errors = useServerErrors(form);
  const start = useMutation({
    mutationFn: (body: { phone: string }) => call(api.recoveryStart, { body }),
    onSuccess: (sent, body) => onSent(body.phone, sent),
    onError: errors.show,
  });
  const submit = form.onSubmit((values) => {
    errors.clear();
    const result = validateWith(ZRecoveryStart, values);
    if (result.ok) start.mutate(result.data);
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Укажите номер телефона, к которому привязан личный кабинет. Мы пришлём на него код.
        </Text>
        <ApiErrorAlert error={restartReason} />
        <PhoneInput {...form.getInputProps('phone')} />
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" size="md" fullWidth loading={start.isPending}>
          Получить код
        </Button>
        <Anchor component={Link} to="/login" size="sm">
          Вспомнили пароль? Вернуться ко входу
        </Anchor>
      </Stack>
    </form>
  );
}

function CodeStep({
  state,
  onResent,
  onResendPause,
  onRestart,
  onDone,
}: {
  state: Extract<RecoveryState, { step: 'code' }>;
  onResent: (sent: CodeSent) => void;
  onResendPause: (resendAt: number) => void;
  onRestart: (reason: unknown) => void;
  onDone: () => void;
}) {
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { code: '', newPassword: '', repeatPassword: '' },
    validate: (values) => {
      const result = validateWith(ZRecoveryComplete, values);
      return mergeErrors(
        result.ok ? {} : result.errors,
        repeatPasswordErrors(values.newPassword, values.repeatPassword),
      );
    },
  });
  const { errors, restartIfGone, resend } = useCodeStep(form, {
    goneCode: 'RECOVERY_NOT_FOUND',
    resend: () => call(api.recoveryResend, { params: { id: state.id } }),
    onResent,
    onResendPause,
    onRestart,
  });
  const complete = useMutation({
    mutationFn: (body: { code: string; newPassword: string }) =>
      call(api.recoveryComplete, { params: { id: state.id }, body }),
    onSuccess: () => {
      onDone();
      void navigate('/login', { state: { phone: state.phone, notice: PASSWORD_CHANGED } });
    },
    onError: restartIfGone,
  });

  const submit = form.onSubmit((values) => {
    errors.clear();
    const result = validateWith(ZRecoveryComplete, values);
    if (result.ok) complete.mutate(result.data);
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Если номер {state.phoneMasked} зарегистрирован, мы отправили на него код. Введите код и придумайте
          новый пароль.
        </Text>
        <CodeInput {...form.getInputProps('code')} autoFocus />
        <ResendCode
          availableAt={state.resendAt}
          loading={resend.isPending}
          onResend={() => resend.mutate()}
        />
        <NewPasswordFields
          label="Новый пароль"
          password={form.getInputProps('newPassword')}
          repeat={form.getInputProps('repeatPassword')}
        />
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" size="md" fullWidth loading={complete.isPending}>
          Сохранить пароль
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={() => onRestart(null)}>
          Указать другой номер
        </Anchor>
      </Stack>
    </form>
  );
}
