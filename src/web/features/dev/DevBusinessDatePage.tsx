import { Alert, Button, Group, Loader, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ZMoveBusinessDate, api } from '../../../contracts';
import { ApiError, isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { queryKeys, useDevBusinessDate, useSiteStatus } from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { InfoList } from '../../components/layout';
import { focusFirstError, validateWith } from '../../forms/validation';
import { useServerErrors } from '../../forms/useServerErrors';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatDate } from '../../i18n/format';
import { termText } from '../../../domain/russian';

const daysText = (n: number) => termText(n, 'days');

const DEMO_ONLY = 'Операционная дата меняется только в демо-режиме. На этом сервере демо-режим выключен.';

/** The server answers 404 for the demo endpoints outside the demo. */
const notDemo = (error: unknown): boolean =>
  isApiError(error, 'NOT_FOUND') || (error instanceof ApiError && error.status === 404);

/** Demo mode only: the lender's business date and a form to move it forward, closing every day on the way. */
export function DevBusinessDatePage() {
  usePageTitle('Операционная дата (демо)');
  const status = useSiteStatus();
  return (
    <Stack gap="lg" maw={560}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          Операционная дата (демо)
        </Title>
        <Text c="dimmed" size="sm">
          Чтобы посмотреть, как растёт задолженность, приходят напоминания и наступает просрочка, дату можно
          сдвинуть вперёд: сервер закроет каждый пропущенный день, как в обычную ночь.
        </Text>
        <Text c="dimmed" size="sm">
          Вместе с датой сдвигаются и часы сервера, поэтому после большого сдвига сеанс входа может истечь —
          тогда войдите снова.
        </Text>
      </Stack>
      {status.isPending ? (
        <PageLoader />
      ) : status.data?.demo === false ? (
        <Alert color="yellow" variant="light">
          {DEMO_ONLY}
        </Alert>
      ) : (
        <BusinessDate />
      )}
    </Stack>
  );
}

function BusinessDate() {
  const queryClient = useQueryClient();
  const date = useDevBusinessDate();
  const form = useForm<{ days: number | string }>({ initialValues: { days: 1 } });
  const errors = useServerErrors(form);
  const move = useMutation({
    mutationFn: (days: number) => call(api.devMoveBusinessDate, { body: { days } }),
    onSuccess: (moved) => {
      queryClient.setQueryData(queryKeys.devBusinessDate, moved);
      // Every loan, message and quote of the borrower depends on the date.
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
    onError: errors.show,
  });
  const submit = form.onSubmit((values) => {
    errors.clear();
    const result = validateWith(ZMoveBusinessDate, values);
    if (!result.ok) {
      form.setErrors(result.errors);
      focusFirstError();
      return;
    }
    move.mutate(result.data.days);
  });

  if (date.isPending) return <Loader aria-label="Загрузка" />;
  if (date.isError)
    return notDemo(date.error) ? (
      <Alert color="yellow" variant="light">
        {DEMO_ONLY}
      </Alert>
    ) : (
      <ApiErrorAlert error={date.error} />
    );

  return (
    <Stack gap="lg">
      <Paper withBorder radius="lg" p="md">
        <InfoList
          items={[
            ['Операционная дата', <b key="today">{formatDate(date.data.today)}</b>],
            ['Закрыты дни по', date.data.closedThrough ? formatDate(date.data.closedThrough) : 'ещё ни один'],
          ]}
        />
      </Paper>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <NumberInput
            label="На сколько дней сдвинуть"
            description="От 1 до 400 дней"
            min={1}
            max={400}
            allowDecimal={false}
            allowNegative={false}
            inputMode="numeric"
            {...form.getInputProps('days')}
          />
          <Group gap="xs">
            {[1, 3, 7, 30].map((d) => (
              <Button key={d} variant="default" size="xs" onClick={() => form.setFieldValue('days', d)}>
                +{daysText(d)}
              </Button>
            ))}
          </Group>
          {move.error !== null && notDemo(move.error) ? (
            <Alert color="yellow" variant="light">
              {DEMO_ONLY}
            </Alert>
          ) : (
            <ApiErrorAlert error={errors.alert} />
          )}
          {move.isSuccess && (
            <Alert color="teal" variant="light" role="status">
              Готово: операционная дата — {formatDate(move.data.today)}.
            </Alert>
          )}
          <Button type="submit" loading={move.isPending} style={{ alignSelf: 'flex-start' }}>
            {typeof form.values.days === 'number' && form.values.days >= 1
              ? `Сдвинуть дату на ${daysText(form.values.days)}`
              : 'Сдвинуть дату'}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
