import { useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { cardApi, type BorrowerSearch } from '../../../../contracts/backoffice-work';
import { call } from '../../../api/client';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert';
import { displayDateToIso, formatDate, formatPhone } from '../../../i18n/format';

type By = 'phone' | 'person' | 'passport' | 'contract';

/** The borrower search: by phone, full name + birth date, passport, or contract number (sent in the body). */
export function BorrowersPage() {
  const [by, setBy] = useState<By>('phone');
  const [f, setF] = useState<Record<string, string>>({});
  const field = (name: string, label: string, placeholder?: string) => (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={f[name] ?? ''}
      onChange={(e) => setF({ ...f, [name]: e.currentTarget.value })}
    />
  );
  const search = useMutation({
    mutationFn: () => {
      const body: BorrowerSearch =
        by === 'phone'
          ? { phone: f.phone ?? '' }
          : by === 'person'
            ? {
                surname: f.surname ?? '',
                name: f.name ?? '',
                ...(f.patronymic ? { patronymic: f.patronymic } : {}),
                birthDate: displayDateToIso(f.birthDate ?? ''),
              }
            : by === 'passport'
              ? {
                  passportSeries: (f.series ?? '').replace(/\D/g, ''),
                  passportNumber: (f.number ?? '').replace(/\D/g, ''),
                }
              : { contractNumber: f.contract ?? '' };
      return call(cardApi.searchBorrowers, { body });
    },
  });
  return (
    <Stack>
      <Title order={1}>Клиенты</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          search.mutate();
        }}
      >
        <Stack>
          <SegmentedControl
            aria-label="Искать по"
            value={by}
            onChange={(v) => setBy(v as By)}
            data={[
              { value: 'phone', label: 'Телефон' },
              { value: 'person', label: 'ФИО и дата рождения' },
              { value: 'passport', label: 'Паспорт' },
              { value: 'contract', label: 'Договор' },
            ]}
          />
          <Group align="end" wrap="wrap">
            {by === 'phone' && field('phone', 'Телефон', '+7 912 345-67-89')}
            {by === 'person' && (
              <>
                {field('surname', 'Фамилия')}
                {field('name', 'Имя')}
                {field('patronymic', 'Отчество')}
                {field('birthDate', 'Дата рождения', 'ДД.ММ.ГГГГ')}
              </>
            )}
            {by === 'passport' && (
              <>
                {field('series', 'Серия', '4510')}
                {field('number', 'Номер', '123456')}
              </>
            )}
            {by === 'contract' && field('contract', 'Номер договора', 'З-2026-000001')}
            <Button type="submit" loading={search.isPending}>
              Найти
            </Button>
          </Group>
        </Stack>
      </form>
      <ApiErrorAlert error={search.error} />
      {search.data &&
        (search.data.found.length === 0 ? (
          <Text>Никого не нашли</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>ФИО</Table.Th>
                <Table.Th>Дата рождения</Table.Th>
                <Table.Th>Телефон</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {search.data.found.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/backoffice/borrowers/${b.id}`}>
                      {b.fullName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(b.birthDate)}</Table.Td>
                  <Table.Td>{formatPhone(b.phone)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
    </Stack>
  );
}
