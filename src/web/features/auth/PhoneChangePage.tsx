import { Alert, Anchor, Button, Divider, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  ZGuestPhoneChangeRequest,
  ZPhoneChangeConfirm,
  ZPhoneChangeRequest,
  supportCasesApi,
} from '../../../contracts/support-cases';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { CodeInput, DateInput, PhoneInput } from '../../components/fields';
import { ResendCode, resendAtOf, useResendCode } from '../../components/ResendCode';
import { FormCard } from '../../components/layout';
import { focusFirstError, validateWith } from '../../forms/validation';
import { usePageTitle } from '../../hooks/usePageTitle';
import { displayDateToIso } from '../../i18n/format';

/**
 * «Смена номера телефона» without signing in (the old phone is lost): passport series and number, birth date and
 * the new number open a case a specialist checks; the answer is the same whatever was typed. After approval the
 * code sent to the new number is entered here; then the borrower signs in with the new number.
 */
export function PhoneChangePage() {
  usePageTitle('Смена номера телефона');
  const form = useForm({ initialValues: { series: '', number: '', birthDate: '', newPhone: '' } });
  const toBody = (values: typeof form.values) => ({
    ...values,
    birthDate: displayDateToIso(values.birthDate),
  });
  const request = useMutation({
    mutationFn: (body: { series: string; number: string; birthDate: string; newPhone: string }) =>
      call(supportCasesApi.requestPhoneChangeAsGuest, { body }),
  });
  const submit = form.onSubmit((values) => {
    const result = validateWith(ZGuestPhoneChangeRequest, toBody(values));
    if (!result.ok) form.setErrors(result.errors);
    else request.mutate(result.data);
  }, focusFirstError);

  const confirmForm = useForm({ initialValues: { newPhone: '', code: '' } });
  const confirm = useMutation({
    mutationFn: (body: { newPhone: string; code: string }) =>
      call(supportCasesApi.confirmPhoneChange, { body }),
  });
  // The code went out when a senior approved: the page does not know when, so «ещё раз» starts active and the
  // server's pause (CODE_RESEND_TOO_EARLY) sets the timer.
  const [resendAt, setResendAt] = useState(0);
  const [resendNotice, setResendNotice] = useState<string | null>(null);
  const resend = useResendCode(
    async () => {
      const result = validateWith(ZPhoneChangeRequest, { newPhone: confirmForm.values.newPhone });
      if (!result.ok) {
        confirmForm.setErrors(result.errors);
        throw new Error('invalid');
      }
      return call(supportCasesApi.resendPhoneChangeCode, { body: result.data });
    },
    {
      sent: (sent) => {
        setResendAt(resendAtOf(sent));
        setResendNotice(`Новый код отправлен на ${sent.phoneMasked}`);
      },
      pause: (at) => setResendAt(at),
      error: () => setResendNotice(null),
    },
  );
  const submitCode = confirmForm.onSubmit((values) => {
    const result = validateWith(ZPhoneChangeConfirm, values);
    if (!result.ok) confirmForm.setErrors(result.errors);
    else confirm.mutate(result.data);
  }, focusFirstError);

  return (
    <FormCard
      title="Смена номера телефона"
      subtitle="Если старый номер недоступен: специалист проверит вашу личность и поменяет номер"
    >
      {request.data ? (
        <Alert color="teal" variant="light">
          {request.data.message}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <SimpleGrid cols={2}>
              <TextInput label="Серия паспорта" inputMode="numeric" {...form.getInputProps('series')} />
              <TextInput label="Номер паспорта" inputMode="numeric" {...form.getInputProps('number')} />
            </SimpleGrid>
            <DateInput label="Дата рождения" {...form.getInputProps('birthDate')} />
            <PhoneInput label="Новый номер телефона" {...form.getInputProps('newPhone')} />
            <ApiErrorAlert error={request.error} />
            <Button type="submit" loading={request.isPending}>
              Отправить заявку
            </Button>
          </Stack>
        </form>
      )}
      <Divider />
      <Title order={2} size="h4">
        Заявку одобрили?
      </Title>
      {confirm.data ? (
        <Alert color="teal" variant="light">
          Номер изменён на {confirm.data.phoneMasked}. Все прежние входы завершены.{' '}
          <Anchor component={Link} to="/login">
            Войдите с новым номером
          </Anchor>
        </Alert>
      ) : (
        <form onSubmit={submitCode} noValidate>
          <Stack gap="md">
            <Text size="sm">Введите новый номер и код из СМС, пришедшего на него.</Text>
            <PhoneInput label="Новый номер телефона" {...confirmForm.getInputProps('newPhone')} />
            <CodeInput {...confirmForm.getInputProps('code')} />
            <ApiErrorAlert error={confirm.error} />
            {resendNotice && (
              <Text size="sm" c="teal" aria-live="polite">
                {resendNotice}
              </Text>
            )}
            <ApiErrorAlert
              error={
                resend.error instanceof Error && resend.error.message === 'invalid' ? null : resend.error
              }
            />
            <ResendCode availableAt={resendAt} loading={resend.isPending} onResend={() => resend.mutate()} />
            <Button type="submit" variant="light" loading={confirm.isPending}>
              Подтвердить новый номер
            </Button>
          </Stack>
        </form>
      )}
    </FormCard>
  );
}
