import { Button, Divider, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { ZRegistrationComplete, api } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { call, forgetCsrfToken } from '../../api/client';
import { queryKeys, useCaptcha } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { emptyPassport } from '../../components/PassportFields';
import { useServerErrors } from '../../forms/useServerErrors';
import { focusFirstError, validateWith } from '../../forms/validation';
import { CaptchaField } from './CaptchaField';
import { noConsents } from './ConsentFields';
import {
  ConsentsSection,
  PersonPassportSections,
  RegistrationOutcomeAlert,
  personDetailsBody,
  personDetailsErrors,
  type PersonDetailsValues,
  type RegistrationOutcome,
} from './DetailsSections';
import { emptyPerson } from './PersonFields';
import type { DetailsState } from './state';

type DetailsValues = PersonDetailsValues & { captchaAnswer: string };
type RegistrationBody = z.output<typeof ZRegistrationComplete>;

const toBody = (values: DetailsValues, captchaId: string) => ({
  ...personDetailsBody(values),
  captchaId,
  captchaAnswer: values.captchaAnswer,
});

/** The form is checked without the captcha id, which is not a field; the submit adds it. */
const ZDetails = ZRegistrationComplete.omit({ captchaId: true });

const validateDetails = (values: DetailsValues) => personDetailsErrors(ZDetails, values, toBody(values, ''));

/** Step 2: the person, the passport, the captcha and the three consents. */
export function DetailsStep({
  state,
  onRestart,
  onPhoneNotConfirmed,
  onDone,
}: {
  state: DetailsState;
  onRestart: (reason: unknown) => void;
  onPhoneNotConfirmed: (reason: unknown) => void;
  onDone: () => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const captcha = useCaptcha();
  const [outcome, setOutcome] = useState<RegistrationOutcome>(null);

  const form = useForm<DetailsValues>({
    initialValues: { ...emptyPerson(), passport: emptyPassport(), captchaAnswer: '', consents: noConsents() },
    validate: validateDetails,
  });
  const errors = useServerErrors(form);

  const { refetch } = captcha;
  const { setFieldValue } = form;
  const newCaptcha = useCallback(() => {
    setFieldValue('captchaAnswer', '');
    void refetch();
  }, [refetch, setFieldValue]);

  // A picture lives a few minutes, and this form takes a while: an expired one is replaced before it is sent.
  const expiresInSec = captcha.data?.expiresInSec;
  useEffect(() => {
    if (expiresInSec === undefined) return;
    const timer = setTimeout(newCaptcha, Math.max(10, expiresInSec - 10) * 1000);
    return () => clearTimeout(timer);
  }, [captcha.data, expiresInSec, newCaptcha]);

  const complete = useMutation({
    mutationFn: (body: RegistrationBody) =>
      call(api.registrationComplete, { params: { id: state.id }, body }),
    onSuccess: (me) => {
      forgetCsrfToken();
      onDone();
      queryClient.setQueryData(queryKeys.me, me);
      void navigate('/account', { replace: true });
    },
    onError: (error) => {
      // The captcha is spent by any attempt that reached it: always a new picture after a failure.
      newCaptcha();
      if (isApiError(error, 'REGISTRATION_NOT_FOUND')) onRestart(error);
      else if (isApiError(error, 'PHONE_NOT_CONFIRMED')) onPhoneNotConfirmed(error);
      else if (isApiError(error, 'PHONE_ALREADY_REGISTERED')) setOutcome('phone-taken');
      else if (isApiError(error, 'PERSON_ALREADY_REGISTERED')) setOutcome('person-registered');
      else errors.show(error);
    },
  });

  const submit = form.onSubmit((values) => {
    errors.clear();
    setOutcome(null);
    if (!captcha.data) {
      form.setFieldError('captchaAnswer', 'Картинка с кодом не загрузилась. Нажмите «Обновить картинку»');
      focusFirstError();
      return;
    }
    const result = validateWith(ZRegistrationComplete, toBody(values, captcha.data.id));
    if (result.ok) complete.mutate(result.data);
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Text size="sm">Телефон {state.phoneMasked} подтверждён. Заполните данные точно как в паспорте.</Text>

        <PersonPassportSections form={form} />
        <Divider />
        <ConsentsSection form={form} />

        <Stack gap="sm">
          <Title order={2} size="h4">
            Проверка, что вы не робот
          </Title>
          <CaptchaField
            captcha={captcha.data}
            loading={captcha.isFetching}
            error={captcha.error}
            onRefresh={newCaptcha}
            answer={form.getInputProps('captchaAnswer')}
          />
        </Stack>

        <RegistrationOutcomeAlert outcome={outcome} />
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" size="md" fullWidth loading={complete.isPending}>
          Зарегистрироваться
        </Button>
      </Stack>
    </form>
  );
}
