import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, type CodeSent } from '../../../contracts';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { CodeInput } from '../../components/fields';
import { ResendCode } from '../../components/ResendCode';
import { useCodeForm, useCodeStep } from '../../components/useCodeStep';
import type { ConfirmState } from './state';

/** The SMS code that confirms the phone. */
export function ConfirmStep({
  state,
  onConfirmed,
  onResent,
  onResendPause,
  onRestart,
}: {
  state: ConfirmState;
  onConfirmed: () => void;
  onResent: (sent: CodeSent) => void;
  onResendPause: (resendAt: number) => void;
  onRestart: (reason: unknown) => void;
}) {
  const { form, onSubmit } = useCodeForm();
  const { errors, restartIfGone, resend } = useCodeStep(form, {
    goneCode: 'REGISTRATION_NOT_FOUND',
    resend: () => call(api.registrationResend, { params: { id: state.id } }),
    onResent,
    onResendPause,
    onRestart,
  });
  const confirm = useMutation({
    mutationFn: (body: { code: string }) => call(api.registrationConfirm, { params: { id: state.id }, body }),
    onSuccess: onConfirmed,
    onError: restartIfGone,
  });

  const submit = onSubmit((code) => confirm.mutate({ code }), errors.clear);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Мы отправили код на номер <b>{state.phoneMasked}</b>.
        </Text>
        <CodeInput {...form.getInputProps('code')} autoFocus />
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" size="md" fullWidth loading={confirm.isPending}>
          Подтвердить
        </Button>
        <ResendCode
          availableAt={state.resendAt}
          loading={resend.isPending}
          onResend={() => resend.mutate()}
        />
        <Anchor component="button" type="button" size="sm" onClick={() => onRestart(null)}>
          Изменить номер телефона
        </Anchor>
      </Stack>
    </form>
  );
}
