import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ZRegistrationStart, api, type CodeSent } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { NewPasswordFields, PhoneInput } from '../../components/fields';
import { focusFirstError, mergeErrors, repeatPasswordErrors, validateWith } from '../../forms/validation';
import { useServerErrors } from '../../forms/useServerErrors';
import { phoneToMaskValue } from '../../i18n/format';
import { PhoneTakenAlert } from './alerts';

/**
 * Step 1: phone and password; an SMS code is sent. After Gosuslugi or T-ID (features/federation) the phone comes
 * filled in (`initialPhone`, +7XXXXXXXXXX) and `startWith` starts the registration of that provider sign-in.
 */
export function StartStep({
  onStarted,
  initialPhone,
  startWith,
}: {
  onStarted: (sent: CodeSent) => void;
  initialPhone?: string | undefined;
  startWith?: (body: { phone: string; password: string }) => Promise<CodeSent>;
}) {
  const form = useForm({
    initialValues: { phone: phoneToMaskValue(initialPhone), password: '', repeatPassword: '' },
    validate: (values) => {
      const result = validateWith(ZRegistrationStart, values);
      return mergeErrors(
        result.ok ? {} : result.errors,
        repeatPasswordErrors(values.password, values.repeatPassword),
      );
    },
  });
  const errors = useServerErrors(form, { fieldFor: { PASSWORD_TOO_WEAK: 'password' } });
  const [takenPhone, setTakenPhone] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: (body: { phone: string; password: string }) =>
      startWith ? startWith(body) : call(api.registrationStart, { body }),
    onSuccess: onStarted,
    onError: (error, body) => {
      if (isApiError(error, 'PHONE_ALREADY_REGISTERED')) setTakenPhone(body.phone);
      else errors.show(error);
    },
  });

  const submit = form.onSubmit((values) => {
    errors.clear();
    setTakenPhone(null);
    const result = validateWith(ZRegistrationStart, values);
    if (result.ok) start.mutate(result.data);
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <PhoneInput
          {...form.getInputProps('phone')}
          description="На этот номер придёт код подтверждения. Номер станет логином"
        />
        <NewPasswordFields
          label="Пароль"
          password={form.getInputProps('password')}
          repeat={form.getInputProps('repeatPassword')}
        />
        {takenPhone !== null && <PhoneTakenAlert phone={takenPhone} />}
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" size="md" fullWidth loading={start.isPending}>
          Продолжить
        </Button>
        <Text size="sm">
          Уже зарегистрированы?{' '}
          <Anchor component={Link} to="/login" size="sm">
            Войдите в личный кабинет
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}
