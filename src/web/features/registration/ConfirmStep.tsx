import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { ZConfirmCode, api, type CodeSent } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { CodeInput } from '../../components/fields';
import { ResendCode, useResendCode } from '../../components/ResendCode';
import { focusFirstError, validateWith } from '../../forms/validation';
import { useServerErrors } from '../../forms/useServerErrors';
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
  const form = useForm({
    initialValues: { code: '' },
    validate: (values) => {
      const result = validateWith(ZConfirmCode, values);
      return result.ok ? {} : result.errors;
    },
  });
  const errors = useServerErrors(form, { fieldFor: { CODE_EXPIRED: 'code', CODE_INVALID: 'code' } });
  const restartIfGone = (error: unknown) => {
    if (isApiError(error, 'REGISTRATION_NOT_FOUND')) onRestart(error);
    else errors.show(error);
  };

  const confirm = useMutation({
    mutationFn: (body: { code: string }) => call(api.registrationConfirm, { params: { id: state.id }, body }),
    onSuccess: onConfirmed,
    onError: restartIfGone,
  });
  const resend = useResendCode(() => call(api.registrationResend, { params: { id: state.id } }), {
    sent: (sent) => {
      errors.clear();
      form.setFieldValue('code', '');
      onResent(sent);
    },
    pause: onResendPause,
    error: restartIfGone,
  });

  const submit = form.onSubmit((values) => {
    errors.clear();
    const result = validateWith(ZConfirmCode, values);
    if (result.ok) confirm.mutate(result.data);
  }, focusFirstError);

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
