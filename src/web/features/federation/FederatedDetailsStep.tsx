import { Alert, Button, Divider, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import {
  ZFederatedRegistrationComplete,
  federationApi,
  type ProviderIdWire,
  type ProviderPersonView,
} from '../../../contracts';
import { isApiError } from '../../api/api-error';
import { call, forgetCsrfToken } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { InfoList } from '../../components/layout';
import { focusFirstError, validateWith } from '../../forms/validation';
import { useServerErrors } from '../../forms/useServerErrors';
import { formatDate, formatSex } from '../../i18n/format';
import { noConsents } from '../registration/ConsentFields';
import {
  ConsentsSection,
  PersonPassportSections,
  RegistrationOutcomeAlert,
  personDetailsBody,
  personDetailsErrors,
  type PersonDetailsValues,
  type RegistrationOutcome,
} from '../registration/DetailsSections';
import { PROVIDER_LABELS } from './federation-state';

type Values = PersonDetailsValues;
type Body = z.output<typeof ZFederatedRegistrationComplete>;

const MISSING_LABELS = {
  name: 'ФИО',
  birthDate: 'дату рождения',
  sex: 'пол',
  phone: 'телефон',
  passport: 'паспорт',
};

/** The provider's data as the form's initial values (dates as ДД.ММ.ГГГГ); empty where not shared. */
function initialValues(person: ProviderPersonView): Values {
  return {
    surname: person.surname ?? '',
    name: person.name ?? '',
    patronymic: person.patronymic ?? '',
    birthDate: person.birthDate ? formatDate(person.birthDate) : '',
    sex: person.sex ?? '',
    passport: person.passport
      ? { ...person.passport, issueDate: formatDate(person.passport.issueDate) }
      : { series: '', number: '', issueDate: '', issuedBy: '', divisionCode: '' },
    consents: noConsents(),
  };
}

const toBody = personDetailsBody;

/**
 * The last step after a provider: Gosuslugi's confirmed data shown as they are (not editable), T-ID's in the
 * ordinary fields, filled in; what was not shared is asked for. The three consents stay separate checkboxes.
 */
export function FederatedDetailsStep({
  registrationId,
  phoneMasked,
  provider,
  person,
  onRestart,
  onDone,
}: {
  registrationId: string;
  phoneMasked: string;
  provider: ProviderIdWire;
  person: ProviderPersonView;
  onRestart: (reason: unknown) => void;
  onDone: () => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<RegistrationOutcome>(null);
  const form = useForm<Values>({
    initialValues: initialValues(person),
    validate: (values) => personDetailsErrors(ZFederatedRegistrationComplete, values, toBody(values)),
  });
  const errors = useServerErrors(form);
  const complete = useMutation({
    mutationFn: (body: Body) =>
      call(federationApi.registrationComplete, { params: { id: registrationId }, body }),
    onSuccess: (me) => {
      forgetCsrfToken();
      onDone();
      queryClient.setQueryData(queryKeys.me, me);
      void navigate('/account', { replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 'REGISTRATION_NOT_FOUND', 'PROVIDER_ATTEMPT_INVALID')) onRestart(error);
      else if (isApiError(error, 'PHONE_ALREADY_REGISTERED')) setOutcome('phone-taken');
      else if (isApiError(error, 'PERSON_ALREADY_REGISTERED')) setOutcome('person-registered');
      else errors.show(error);
    },
  });
  const submit = form.onSubmit((values) => {
    errors.clear();
    setOutcome(null);
    const result = validateWith(ZFederatedRegistrationComplete, toBody(values));
    if (result.ok) complete.mutate(result.data);
  }, focusFirstError);

  const missing = person.missing.filter((m) => m !== 'phone');
  const p = person.passport;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Text size="sm">Телефон {phoneMasked} подтверждён.</Text>
        {person.locked && p ? (
          <Stack gap="sm">
            <Title order={2} size="h4">
              Данные с Госуслуг
            </Title>
            <Text size="sm" c="dimmed">
              Госуслуги подтвердили эти данные, поэтому изменить их здесь нельзя. Если они устарели, обновите
              их на Госуслугах.
            </Text>
            <InfoList
              items={[
                ['ФИО', [person.surname, person.name, person.patronymic].filter(Boolean).join(' ')],
                ['Дата рождения', person.birthDate ? formatDate(person.birthDate) : '—'],
                ['Пол', person.sex ? formatSex(person.sex) : '—'],
                ['Паспорт', `${p.series.slice(0, 2)} ${p.series.slice(2)} ${p.number}`],
                ['Дата выдачи', formatDate(p.issueDate)],
                ['Кем выдан', p.issuedBy],
                ['Код подразделения', p.divisionCode],
              ]}
            />
          </Stack>
        ) : (
          <>
            {missing.length > 0 && (
              <Alert color="blue" variant="light">
                {PROVIDER_LABELS[provider]} не передали {missing.map((m) => MISSING_LABELS[m]).join(', ')}.
                Заполните, пожалуйста, сами — точно как в паспорте.
              </Alert>
            )}
            <PersonPassportSections form={form} />
          </>
        )}
        <Divider />
        <ConsentsSection form={form} />
        <RegistrationOutcomeAlert outcome={outcome} />
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" size="md" fullWidth loading={complete.isPending}>
          Зарегистрироваться
        </Button>
      </Stack>
    </form>
  );
}
