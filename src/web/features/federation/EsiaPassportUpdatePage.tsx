import { Alert, Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { api, type Passport } from '../../../contracts';
import { call } from '../../api/client';
import { queryKeys, useMe } from '../../api/queries';
import { PageLoader } from '../../app/guards';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { resendAtOf } from '../../components/ResendCode';
import { Section } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';
import { formatDate } from '../../i18n/format';
import { PassportCodeStep, type PendingChange } from '../profile/PassportCodeStep';

/** What the callback page hands over: the passport Gosuslugi vouches for now. */
const ZNavState = z.object({
  passport: z
    .object({
      series: z.string(),
      number: z.string(),
      issueDate: z.string(),
      issuedBy: z.string(),
      divisionCode: z.string(),
    })
    .nullable(),
});

const ROWS: [keyof Passport, string][] = [
  ['series', 'Серия'],
  ['number', 'Номер'],
  ['issueDate', 'Дата выдачи'],
  ['issuedBy', 'Кем выдан'],
  ['divisionCode', 'Код подразделения'],
];
const show = (field: keyof Passport, value: string) => (field === 'issueDate' ? formatDate(value) : value);

/**
 * «Обновить паспорт с Госуслуг»: the passport in the profile and the one Gosuslugi vouches for, side by side, the
 * differences marked; the borrower confirms, and the ordinary passport change runs (its checks and an SMS code bound
 * to the new data).
 */
export function EsiaPassportUpdatePage() {
  usePageTitle('Паспорт с Госуслуг');
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [notice, setNotice] = useState<unknown>(null);
  const nav = ZNavState.safeParse(location.state);
  const fromEsia = nav.success ? nav.data.passport : null;
  const request = useMutation({
    mutationFn: (passport: Passport) => call(api.passportChangeCode, { body: { passport } }),
    onSuccess: (sent, passport) =>
      setPending({ passport, resendAt: resendAtOf(sent), phoneMasked: sent.phoneMasked }),
  });

  if (!me) return <PageLoader />;
  const back = (
    <Anchor component={Link} to="/account/profile">
      Вернуться в профиль
    </Anchor>
  );
  if (!fromEsia)
    return (
      <Section title="Паспорт с Госуслуг">
        <Text>Данных с Госуслуг нет: начните обновление из профиля ещё раз.</Text>
        {back}
      </Section>
    );
  const current = me.passport;
  const differs = ROWS.some(([field]) => current[field] !== fromEsia[field]);

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Паспорт с Госуслуг
      </Title>
      <Section title="Сравните данные">
        <Table fz="sm" horizontalSpacing="xs" style={{ tableLayout: 'fixed', overflowWrap: 'anywhere' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Поле</Table.Th>
              <Table.Th scope="col">В профиле</Table.Th>
              <Table.Th scope="col">На Госуслугах</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ROWS.map(([field, label]) => {
              const changed = current[field] !== fromEsia[field];
              return (
                <Table.Tr key={field}>
                  <Table.Th scope="row">{label}</Table.Th>
                  <Table.Td>{show(field, current[field])}</Table.Td>
                  <Table.Td fw={changed ? 700 : undefined}>
                    {show(field, fromEsia[field])}
                    {changed && (
                      <Text component="span" size="sm" c="orange.9">
                        {' '}
                        (изменилось)
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {!differs ? (
          <Alert color="teal" variant="light">
            Паспорт в профиле совпадает с Госуслугами — обновлять нечего.
          </Alert>
        ) : pending ? (
          <PassportCodeStep
            pending={pending}
            onPending={setPending}
            onBack={(reason) => {
              setPending(null);
              setNotice(reason ?? null);
            }}
            onDone={(updated) => {
              queryClient.setQueryData(queryKeys.me, updated);
              void queryClient.invalidateQueries({ queryKey: queryKeys.passportHistory });
              void navigate('/account/profile', { replace: true });
            }}
          />
        ) : (
          <>
            <Text size="sm">
              Если данные на Госуслугах верны, обновите паспорт в профиле: мы пришлём код из СМС для
              подтверждения.
            </Text>
            <ApiErrorAlert error={request.error ?? notice} />
            <Button loading={request.isPending} onClick={() => request.mutate(fromEsia)}>
              Обновить паспорт
            </Button>
          </>
        )}
        {back}
      </Section>
    </Stack>
  );
}
