import { Button, Divider, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { ZRegistrationComplete, api, type ConsentKind } from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { call, forgetCsrfToken } from '../../api/client';
import { queryKeys, useCaptcha } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import {
  PassportFields,
  emptyPassport,
  passportToApi,
  type PassportValues,
} from '../../components/PassportFields';
import { useServerErrors } from '../../forms/useServerErrors';
import { displayDateToIso } from '../../i18n/format';
import { focusFirstError, formErrors, personDateErrors, validateWith } from '../../forms/validation';
import { PersonRegisteredAlert, PhoneTakenAlert } from './alerts';
import { CaptchaField } from './CaptchaField';
import { ConsentFields, noConsents, type ConsentValues } from './ConsentFields';
import { PersonFields, emptyPerson, type PersonValues } from './PersonFields';
import type { DetailsState } from './state';

type DetailsValues = PersonValues & {
  passport: PassportValues;
  captchaAnswer: string;
  consents: ConsentValues;
};
type RegistrationBody = z.output<typeof ZRegistrationComplete>;

const toBody = (values: DetailsValues, captchaId: string) => ({
  surname: values.surname,
  name: values.name,
  patronymic: values.patronymic.trim() === '' ? undefined : values.patronymic,
  birthDate: displayDateToIso(values.birthDate),
  sex: values.sex,
  passport: passportToApi(values.passport),
  captchaId,
  captchaAnswer: values.captchaAnswer,
  consents: values.consents,
});

/** The form is checked without the captcha id, which is not a field; the submit adds it. */
const ZDetails = ZRegistrationComplete.omit({ captchaId: true });

function validateDetails(values: DetailsValues) {
  const body = toBody(values, '');
  return formErrors(ZDetails, body, {
    typedDates: { birthDate: values.birthDate, 'passport.issueDate': values.passport.issueDate },
    rules: personDateErrors(body.birthDate, body.passport.issueDate),
  });
}

/** Treated specially: each has its own message with links, or sends the user back a step. */
type Outcome = 'phone-taken' | 'person-registered' | null;

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
  const [outcome, setOutcome] = useState<Outcome>(null);

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

        <Stack gap="sm">
          <Title order={2} size="h4">
            Личные данные
          </Title>
          <PersonFields bind={(field) => form.getInputProps(field)} />
        </Stack>

        <Stack gap="sm">
          <Title order={2} size="h4">
            Паспорт
          </Title>
          <PassportFields bind={(field) => form.getInputProps(`passport.${field}`)} />
        </Stack>

        <Divider />

        <Stack gap="sm">
          <Title order={2} size="h4">
            Согласия
          </Title>
          <ConsentFields
            bind={(kind: ConsentKind) => form.getInputProps(`consents.${kind}`, { type: 'checkbox' })}
          />
        </Stack>

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

        {outcome === 'phone-taken' && <PhoneTakenAlert />}
        {outcome === 'person-registered' && <PersonRegisteredAlert />}
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" size="md" fullWidth loading={complete.isPending}>
          Зарегистрироваться
        </Button>
      </Stack>
    </form>
  );
}
