import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { dataApi, type AddressView, type PersonalData } from '../../../contracts';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { InfoList } from '../../components/layout';
import { PageLoader } from '../../app/guards';
import { useServerErrors } from '../../forms/useServerErrors';
import { focusFirstError } from '../../forms/validation';
import { formatDate } from '../../i18n/format';
import { AddressFields, addressToApi, emptyAddress, type AddressFormValues } from './AddressFields';
import { dataKeys, usePersonalData } from './data-queries';

const toForm = (a: AddressView | null): AddressFormValues =>
  a
    ? {
        postalCode: a.postalCode ?? '',
        region: a.region,
        city: a.city,
        street: a.street ?? '',
        house: a.house,
        flat: a.flat ?? '',
        privateHouse: a.privateHouse,
        fiasId: '',
      }
    : emptyAddress();

const valuesOf = (data: PersonalData) => ({
  placeOfBirth: data.placeOfBirth ?? '',
  registration: toForm(data.registrationAddress),
  livesAtRegistration: data.livesAtRegistration,
  actual: toForm(data.actualAddress),
});

/**
 * The place of birth and the addresses: what is on file, and a form to give or correct them (the borrower alone;
 * every version is kept). Contracts, addenda and certificates print the registration address.
 */
export function AddressSection() {
  const { data } = usePersonalData();
  const [editing, setEditing] = useState(false);
  if (!data) return <PageLoader />;
  const missing = data.registrationAddress === null;
  if (!editing && !missing)
    return (
      <Stack gap="md">
        <InfoList
          items={[
            ['Место рождения', data.placeOfBirth ?? 'не указано'],
            ['Адрес регистрации', data.registrationAddress?.text ?? 'не указан'],
            [
              'Фактический адрес',
              data.livesAtRegistration
                ? 'совпадает с адресом регистрации'
                : (data.actualAddress?.text ?? '—'),
            ],
          ]}
        />
        {data.addressHistory.some((a) => a.replacedAt !== null) && (
          <Text size="sm" c="dimmed">
            Прежние адреса:{' '}
            {data.addressHistory
              .filter((a) => a.replacedAt !== null)
              .map((a) => `${a.text} (до ${formatDate(a.replacedAt!.slice(0, 10))})`)
              .join('; ')}
          </Text>
        )}
        <Button variant="light" onClick={() => setEditing(true)} style={{ alignSelf: 'flex-start' }}>
          Изменить адрес
        </Button>
      </Stack>
    );
  return <AddressForm data={data} onDone={() => setEditing(false)} canCancel={!missing} />;
}

function AddressForm({
  data,
  onDone,
  canCancel,
}: {
  data: PersonalData;
  onDone: () => void;
  canCancel: boolean;
}) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm({ initialValues: valuesOf(data) });
  const errors = useServerErrors(form);
  const save = useMutation({
    mutationFn: (values: ReturnType<typeof valuesOf>) =>
      call(dataApi.saveAddresses, {
        body: {
          placeOfBirth: values.placeOfBirth,
          registration: addressToApi(values.registration),
          livesAtRegistration: values.livesAtRegistration,
          actual: values.livesAtRegistration ? null : addressToApi(values.actual),
        },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(dataKeys.personalData, updated);
      setSaved(true);
      onDone();
    },
    onError: (error) => {
      errors.show(error);
      focusFirstError();
    },
  });
  const bindOf = (prefix: 'registration' | 'actual') => (field: keyof AddressFormValues, type?: 'checkbox') =>
    form.getInputProps(`${prefix}.${field}`, type ? { type } : undefined);

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        errors.clear();
        save.mutate(values);
      })}
    >
      <Stack gap="md">
        {!canCancel && (
          <Text size="sm">
            Укажите место рождения и адрес регистрации, как в паспорте: они нужны для договора займа.
          </Text>
        )}
        <TextInput
          label="Место рождения (как в паспорте)"
          required
          placeholder="гор. Казань Татарской АССР"
          {...form.getInputProps('placeOfBirth')}
        />
        <AddressFields
          label="Адрес регистрации"
          bind={bindOf('registration')}
          privateHouse={form.values.registration.privateHouse}
          onPick={(values) => form.setFieldValue('registration', values)}
        />
        <Checkbox
          label="Живу по адресу регистрации"
          {...form.getInputProps('livesAtRegistration', { type: 'checkbox' })}
        />
        {!form.values.livesAtRegistration && (
          <AddressFields
            label="Фактический адрес"
            bind={bindOf('actual')}
            privateHouse={form.values.actual.privateHouse}
            onPick={(values) => form.setFieldValue('actual', values)}
          />
        )}
        {saved && (
          <Alert color="teal" variant="light">
            Адрес сохранён
          </Alert>
        )}
        <ApiErrorAlert error={errors.alert} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Сохранить адрес
          </Button>
          {canCancel && (
            <Button variant="subtle" onClick={onDone}>
              Отмена
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
