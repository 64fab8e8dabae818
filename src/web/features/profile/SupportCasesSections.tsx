import { Alert, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PHONE_CHANGE_STATUS_LABELS,
  ZPhoneChangeRequest,
  supportCasesApi,
} from '../../../contracts/support-cases';
import { call } from '../../api/client';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PhoneInput } from '../../components/fields';
import { focusFirstError, validateWith } from '../../forms/validation';
import { formatDate } from '../../i18n/format';

const phoneChangesKey = ['me', 'phone-change'] as const;
const relationshipKey = ['me', 'relationship-end'] as const;

/**
 * «Сменить номер телефона»: a request a specialist checks (identity checklist, a senior approves); after approval a
 * code goes to the new number. Shows the latest request's state and a refusal's reason.
 */
export function PhoneChangeSection() {
  const queryClient = useQueryClient();
  const cases = useQuery({ queryKey: phoneChangesKey, queryFn: () => call(supportCasesApi.myPhoneChanges) });
  const form = useForm({
    initialValues: { newPhone: '' },
    validate: (values) => {
      const result = validateWith(ZPhoneChangeRequest, values);
      return result.ok ? {} : result.errors;
    },
  });
  const request = useMutation({
    mutationFn: (body: { newPhone: string }) => call(supportCasesApi.requestPhoneChange, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: phoneChangesKey }),
  });
  const latest = cases.data?.[0];
  const inProgress = latest && ['open', 'checked', 'approved'].includes(latest.status);
  const submit = form.onSubmit((values) => {
    const result = validateWith(ZPhoneChangeRequest, values);
    if (result.ok) request.mutate(result.data);
  }, focusFirstError);
  return (
    <Stack gap="sm">
      <Text size="sm">
        Номер телефона меняет специалист после проверки личности: он сверит паспорт, прежний номер и ответы о
        кабинете, иногда попросит видеозвонок; затем изменение подтверждает второй сотрудник. На новый номер
        придёт код — введите его на странице «Смена номера» (ссылка есть на странице входа).
      </Text>
      {latest && (
        <Alert color={latest.status === 'refused' ? 'red' : 'blue'} variant="light">
          Заявка от {formatDate(latest.createdAt.slice(0, 10))} на номер {latest.newPhoneMasked}:{' '}
          {PHONE_CHANGE_STATUS_LABELS[latest.status]}
          {latest.refusalReason && `. Причина: ${latest.refusalReason}`}
        </Alert>
      )}
      {!inProgress && (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <PhoneInput label="Новый номер телефона" {...form.getInputProps('newPhone')} />
            <ApiErrorAlert error={request.error} />
            <Button type="submit" loading={request.isPending}>
              Сменить номер телефона
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** «Прекратить отношения»: a request a specialist handles once nothing blocks it (no delete button, ever). */
export function RelationshipEndSection() {
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: relationshipKey,
    queryFn: () => call(supportCasesApi.myRelationshipEnd),
  });
  const request = useMutation({
    mutationFn: () => call(supportCasesApi.requestRelationshipEnd),
    onSuccess: (data) => queryClient.setQueryData(relationshipKey, data),
  });
  return (
    <Stack gap="sm">
      <Text size="sm">
        Личный кабинет удалить нельзя. Можно попросить прекратить отношения: специалист проверит, что нет
        непогашенного займа, незавершённой заявки или невозвращённой переплаты, и прекратит их. После этого
        вход и новые заявки будут закрыты, реклама прекратится, а данные будут храниться срок, установленный
        законом, и затем будут уничтожены. Подтверждение вы получите в PDF.
      </Text>
      {current.data ? (
        <Alert color="blue" variant="light">
          Просьба от {formatDate(current.data.createdAt.slice(0, 10))} принята, её рассматривает специалист.
        </Alert>
      ) : (
        <>
          <ApiErrorAlert error={request.error} />
          <Button color="red" variant="outline" loading={request.isPending} onClick={() => request.mutate()}>
            Прекратить отношения
          </Button>
        </>
      )}
    </Stack>
  );
}
