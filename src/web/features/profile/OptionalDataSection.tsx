import { Alert, Button, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EMPLOYMENT_KINDS, dataApi, type PersonalData } from '../../../contracts';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageLoader } from '../../app/guards';
import { useServerErrors } from '../../forms/useServerErrors';
import { EMPLOYMENT_LABELS, type Employment } from '../loans/labels';
import { rublesToKopecks } from '../loans/terms';
import { dataKeys, usePersonalData } from './data-queries';

const EMPLOYMENT_OPTIONS = EMPLOYMENT_KINDS.map((kind) => ({ value: kind, label: EMPLOYMENT_LABELS[kind] }));

/** Employment and income (offered when applying), СНИЛС and ИНН (checked by their checksums), e-mail (by a code). */
export function OptionalDataSection() {
  const { data } = usePersonalData();
  if (!data) return <PageLoader />;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <EmploymentForm data={data} />
      <IdentifiersForm data={data} />
      <EmailForm data={data} />
    </SimpleGrid>
  );
}

/** The end of each form: «Сохранено» after a save, the server's error, and the submit button. */
function SaveFooter({
  saved,
  savedText = 'Сохранено',
  error,
  pending,
  label,
}: {
  saved: boolean;
  savedText?: string;
  error: unknown;
  pending: boolean;
  label: string;
}) {
  return (
    <>
      {saved && (
        <Alert color="teal" variant="light">
          {savedText}
        </Alert>
      )}
      <ApiErrorAlert error={error} />
      <Button type="submit" variant="light" loading={pending} style={{ alignSelf: 'flex-start' }}>
        {label}
      </Button>
    </>
  );
}

function useSave() {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  return {
    saved,
    setSaved,
    done: (updated: PersonalData) => {
      queryClient.setQueryData(dataKeys.personalData, updated);
      setSaved(true);
    },
  };
}

function EmploymentForm({ data }: { data: PersonalData }) {
  const state = useSave();
  const form = useForm<{ employment: Employment | null; monthlyIncome: number | string }>({
    initialValues: {
      employment: data.employment?.employment ?? null,
      monthlyIncome: data.employment ? Number(BigInt(data.employment.monthlyIncome) / 100n) : '',
    },
    validate: {
      employment: (v) => (v ? null : 'Укажите занятость'),
      monthlyIncome: (v) => (String(v).trim() === '' ? 'Укажите доход в месяц' : null),
    },
  });
  const errors = useServerErrors(form);
  const save = useMutation({
    mutationFn: (v: { employment: Employment; monthlyIncome: string }) =>
      call(dataApi.saveEmployment, { body: v }),
    onSuccess: state.done,
    onError: errors.show,
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        errors.clear();
        state.setSaved(false);
        if (v.employment)
          save.mutate({ employment: v.employment, monthlyIncome: rublesToKopecks(Number(v.monthlyIncome)) });
      })}
    >
      <Stack gap="sm">
        <Text fw={600}>Занятость и доход</Text>
        <Text size="sm" c="dimmed">
          Подставим в следующую заявку — останется только проверить.
        </Text>
        <Select
          label="Занятость"
          data={EMPLOYMENT_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('employment')}
        />
        <NumberInput
          label="Доход в месяц после налогов, ₽"
          thousandSeparator=" "
          allowDecimal={false}
          allowNegative={false}
          hideControls
          inputMode="numeric"
          isAllowed={({ value }) => value.length <= 9}
          {...form.getInputProps('monthlyIncome')}
        />
        <SaveFooter
          saved={state.saved}
          error={errors.alert}
          pending={save.isPending}
          label="Сохранить занятость"
        />
      </Stack>
    </form>
  );
}

function IdentifiersForm({ data }: { data: PersonalData }) {
  const state = useSave();
  const form = useForm({ initialValues: { snils: '', inn: '' } });
  const errors = useServerErrors(form);
  const save = useMutation({
    mutationFn: (v: { snils: string; inn: string }) => call(dataApi.saveIdentifiers, { body: v }),
    onSuccess: (updated) => {
      state.done(updated);
      form.reset();
    },
    onError: errors.show,
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        errors.clear();
        state.setSaved(false);
        save.mutate(v);
      })}
    >
      <Stack gap="sm">
        <Text fw={600}>СНИЛС и ИНН (по желанию)</Text>
        <Text size="sm" c="dimmed">
          Сейчас: СНИЛС {data.snilsMasked ?? 'не указан'}, ИНН {data.innMasked ?? 'не указан'}. Пустое поле
          удаляет номер.
        </Text>
        <TextInput
          label="СНИЛС"
          placeholder="123-456-789 64"
          inputMode="numeric"
          {...form.getInputProps('snils')}
        />
        <TextInput label="ИНН" placeholder="12 цифр" inputMode="numeric" {...form.getInputProps('inn')} />
        <SaveFooter
          saved={state.saved}
          error={errors.alert}
          pending={save.isPending}
          label="Сохранить СНИЛС и ИНН"
        />
      </Stack>
    </form>
  );
}

/** E-mail: a code goes to the new address (in the demo, to the developer outbox); it is used once confirmed. */
function EmailForm({ data }: { data: PersonalData }) {
  const state = useSave();
  const [sentTo, setSentTo] = useState<string | null>(data.emailPending);
  const form = useForm({ initialValues: { email: '', code: '' } });
  const errors = useServerErrors(form);
  const request = useMutation({
    mutationFn: (email: string) => call(dataApi.requestEmailCode, { body: { email } }),
    onSuccess: (sent) => setSentTo(sent.sentTo),
    onError: errors.show,
  });
  const confirm = useMutation({
    mutationFn: (code: string) => call(dataApi.confirmEmail, { body: { code } }),
    onSuccess: (updated) => {
      state.done(updated);
      setSentTo(null);
      form.reset();
    },
    onError: errors.show,
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        errors.clear();
        state.setSaved(false);
        if (sentTo) confirm.mutate(v.code);
        else request.mutate(v.email);
      })}
    >
      <Stack gap="sm">
        <Text fw={600}>Электронная почта (по желанию)</Text>
        <Text size="sm" c="dimmed">
          Сейчас: {data.email ?? 'не указана'}. Новый адрес начнёт использоваться после подтверждения кодом из
          письма.
        </Text>
        {sentTo ? (
          <>
            <Text size="sm">
              Код отправлен на <b>{sentTo}</b>.
            </Text>
            <TextInput
              label="Код из письма"
              inputMode="numeric"
              maxLength={6}
              {...form.getInputProps('code')}
            />
          </>
        ) : (
          <TextInput label="Электронная почта" type="email" {...form.getInputProps('email')} />
        )}
        <SaveFooter
          saved={state.saved}
          savedText="Почта подтверждена"
          error={errors.alert}
          pending={request.isPending || confirm.isPending}
          label={sentTo ? 'Подтвердить почту' : 'Получить код на почту'}
        />
        {sentTo && (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setSentTo(null)}
            style={{ alignSelf: 'flex-start' }}
          >
            Указать другой адрес
          </Button>
        )}
      </Stack>
    </form>
  );
}
