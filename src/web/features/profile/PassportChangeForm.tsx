import { Alert, Button, Checkbox, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ZPassportChangeRequest, api, type Me, type NewName, type Passport } from '../../../contracts';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PassportFields, emptyPassport, passportToApi } from '../../components/PassportFields';
import { resendAtOf } from '../../components/ResendCode';
import { useServerErrors } from '../../forms/useServerErrors';
import { focusFirstError, formErrors, passportChangeErrors, validateWith } from '../../forms/validation';
import { PassportCodeStep, type PendingChange } from './PassportCodeStep';

/**
 * A new passport (after a replacement at 20 or 45, or a loss), in two steps: the data, checked here and by the
 * server (not older than the current passport, valid for the borrower's age), then the SMS code that confirms
 * exactly these data. The old passport goes to the history.
 */
export function PassportChangeForm({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState<PendingChange | null>(null);
  const form = useForm({
    initialValues: {
      passport: emptyPassport(),
      nameChanged: false,
      newName: { surname: me.surname, name: me.name, patronymic: me.patronymic ?? '' },
    },
    validate: ({ passport, nameChanged, newName }) => {
      const body = { passport: passportToApi(passport), newName: nameChanged ? newName : null };
      return formErrors(ZPassportChangeRequest, body, {
        typedDates: { 'passport.issueDate': passport.issueDate },
        rules: passportChangeErrors(me.birthDate, me.passport.issueDate, body.passport.issueDate),
      });
    },
  });
  const errors = useServerErrors(form);

  const request = useMutation({
    mutationFn: (v: { passport: Passport; newName: NewName | null }) =>
      call(api.passportChangeCode, { body: v }),
    onSuccess: (sent, v) => setPending({ ...v, resendAt: resendAtOf(sent), phoneMasked: sent.phoneMasked }),
    onError: errors.show,
  });

  const submit = form.onSubmit(({ passport, nameChanged, newName }) => {
    errors.clear();
    setSaved(false);
    const result = validateWith(ZPassportChangeRequest, {
      passport: passportToApi(passport),
      newName: nameChanged ? newName : null,
    });
    if (result.ok) request.mutate({ passport: result.data.passport, newName: result.data.newName ?? null });
  }, focusFirstError);

  /** Back to the data: after «Изменить данные», or when the server refuses them at the second step. */
  const backToData = (reason?: unknown) => {
    setPending(null);
    if (reason !== undefined) {
      errors.show(reason);
      focusFirstError();
    }
  };

  if (pending !== null)
    return (
      <PassportCodeStep
        pending={pending}
        onPending={setPending}
        onBack={backToData}
        onDone={(updated) => {
          queryClient.setQueryData(queryKeys.me, updated);
          void queryClient.invalidateQueries({ queryKey: queryKeys.passportHistory });
          void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
          form.reset();
          setPending(null);
          setSaved(true);
        }}
      />
    );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Получили новый паспорт? Укажите его данные — мы пришлём код в СМС для подтверждения, а прежний
          паспорт сохранится в истории.
        </Text>
        <PassportFields bind={(field) => form.getInputProps(`passport.${field}`)} />
        <Checkbox
          label="В новом паспорте другие фамилия, имя или отчество (например, после замужества)"
          {...form.getInputProps('nameChanged', { type: 'checkbox' })}
        />
        {form.values.nameChanged && (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label="Новая фамилия" required {...form.getInputProps('newName.surname')} />
            <TextInput label="Имя" required {...form.getInputProps('newName.name')} />
            <TextInput label="Отчество" {...form.getInputProps('newName.patronymic')} />
          </SimpleGrid>
        )}
        {saved && (
          <Alert color="teal" variant="light" withCloseButton onClose={() => setSaved(false)}>
            Паспортные данные сохранены
          </Alert>
        )}
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" loading={request.isPending} style={{ alignSelf: 'flex-start' }}>
          Получить код в СМС
        </Button>
      </Stack>
    </form>
  );
}
