import { Alert, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ZPassport, api, type Me, type PassportInput } from '../../../contracts';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import {
  PassportFields,
  emptyPassport,
  passportToApi,
  type PassportValues,
} from '../../components/PassportFields';
import { useServerErrors } from '../../forms/useServerErrors';
import {
  displayDateErrors,
  focusFirstError,
  mergeErrors,
  personDateErrors,
  validateWith,
} from '../../forms/validation';

type Values = { passport: PassportValues };

/** A new passport (after a replacement at 20 or 45, or a loss); the old one goes to the history. */
export function PassportChangeForm({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    initialValues: { passport: emptyPassport() },
    validate: ({ passport }) => {
      const body = passportToApi(passport);
      const result = validateWith(ZPassport, body, 'passport.');
      return mergeErrors(
        displayDateErrors({ 'passport.issueDate': passport.issueDate }),
        result.ok ? {} : result.errors,
        personDateErrors(me.birthDate, body.issueDate),
      );
    },
  });
  // The body is the passport itself, so the server names its fields without the «passport.» of the form.
  const errors = useServerErrors(form, { prefix: 'passport.' });

  const change = useMutation({
    mutationFn: (body: PassportInput) => call(api.changePassport, { body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.me, updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.passportHistory });
      form.reset();
      setSaved(true);
    },
    onError: errors.show,
  });

  const submit = form.onSubmit(({ passport }) => {
    errors.clear();
    setSaved(false);
    const result = validateWith(ZPassport, passportToApi(passport));
    if (result.ok) change.mutate(result.data);
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Получили новый паспорт? Укажите его данные — прежний паспорт сохранится в истории.
        </Text>
        <PassportFields bind={(field) => form.getInputProps(`passport.${field}`)} />
        {saved && (
          <Alert color="teal" variant="light" withCloseButton onClose={() => setSaved(false)}>
            Паспортные данные сохранены
          </Alert>
        )}
        <ApiErrorAlert error={errors.alert} />
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          Сохранить паспорт
        </Button>
      </Stack>
    </form>
  );
}
