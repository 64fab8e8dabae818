import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, type Me, type NewName, type Passport } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { CodeInput } from '../../components/fields';
import { ResendCode, resendAtOf } from '../../components/ResendCode';
import { useCodeForm, useCodeStep } from '../../components/useCodeStep';
import { formatDate } from '../../i18n/format';

/** The new passport a code was sent for, when the code may be sent again (epoch ms), and where it went. */
export type PendingChange = {
  passport: Passport;
  /** The new name written in the new passport, when it changed. */
  newName?: NewName | null;
  resendAt: number;
  phoneMasked: string;
};

/**
 * The second step of a passport change: the SMS code that confirms these data. The data refused meanwhile
 * (someone else's passport, dates) go back to the first step with the server's message (`onBack(reason)`).
 */
export function PassportCodeStep({
  pending,
  onPending,
  onBack,
  onDone,
}: {
  pending: PendingChange;
  onPending: (pending: PendingChange) => void;
  onBack: (reason?: unknown) => void;
  onDone: (me: Me) => void;
}) {
  const { passport } = pending;
  const newName = pending.newName ?? null;
  const { form, onSubmit } = useCodeForm();
  const { errors, restartIfGone, resend } = useCodeStep(form, {
    goneCode: 'PERSON_ALREADY_REGISTERED',
    resend: () => call(api.passportChangeCode, { body: { passport, newName } }),
    onResent: (sent) => onPending({ ...pending, resendAt: resendAtOf(sent), phoneMasked: sent.phoneMasked }),
    onResendPause: (resendAt) => onPending({ ...pending, resendAt }),
    onRestart: onBack,
  });
  const confirm = useMutation({
    mutationFn: (code: string) => call(api.changePassport, { body: { passport, newName, code } }),
    onSuccess: onDone,
    onError: (error) => (isApiError(error, 'VALIDATION_FAILED') ? onBack(error) : restartIfGone(error)),
  });

  const submit = onSubmit((code) => confirm.mutate(code), errors.clear);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Новый паспорт:{' '}
          <b>{`${passport.series.slice(0, 2)} ${passport.series.slice(2)} ${passport.number}`}</b>, выдан{' '}
          {formatDate(passport.issueDate)}, код подразделения {passport.divisionCode}.
          {newName && (
            <>
              {' '}
              Новые ФИО:{' '}
              <b>{[newName.surname, newName.name, newName.patronymic].filter(Boolean).join(' ')}</b>.
            </>
          )}
        </Text>
        <Text size="sm">
          Мы отправили код на номер <b>{pending.phoneMasked}</b>. Он подтверждает смену паспорта именно на эти
          данные.
        </Text>
        <CodeInput {...form.getInputProps('code')} autoFocus />
        <ApiErrorAlert error={errors.alert} />
        <Group gap="sm">
          <Button type="submit" loading={confirm.isPending}>
            Подтвердить смену паспорта
          </Button>
          <Button variant="default" onClick={() => onBack()}>
            Изменить данные
          </Button>
        </Group>
        <ResendCode
          availableAt={pending.resendAt}
          loading={resend.isPending}
          onResend={() => resend.mutate()}
        />
      </Stack>
    </form>
  );
}
