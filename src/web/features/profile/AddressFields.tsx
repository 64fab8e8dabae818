import { Autocomplete, Checkbox, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useState } from 'react';
import type { AddressSuggestionView } from '../../../contracts';
import { useAddressSuggestions } from './data-queries';

/** The form values of one address (strings for the inputs; empty = not given). */
export type AddressFormValues = {
  postalCode: string;
  region: string;
  city: string;
  street: string;
  house: string;
  flat: string;
  privateHouse: boolean;
  fiasId: string;
};

export const emptyAddress = (): AddressFormValues => ({
  postalCode: '',
  region: '',
  city: '',
  street: '',
  house: '',
  flat: '',
  privateHouse: false,
  fiasId: '',
});

/** The values as the API takes them: empty optional parts become null. */
export const addressToApi = (a: AddressFormValues) => ({
  postalCode: a.postalCode.trim() || null,
  region: a.region,
  city: a.city,
  street: a.street.trim() || null,
  house: a.house,
  flat: a.privateHouse ? null : a.flat.trim() || null,
  privateHouse: a.privateHouse,
  fiasId: a.fiasId || null,
});

const fromSuggestion = (s: AddressSuggestionView): AddressFormValues => ({
  postalCode: s.parts.postalCode ?? '',
  region: s.parts.region,
  city: s.parts.city,
  street: s.parts.street ?? '',
  house: s.parts.house,
  flat: s.parts.flat ?? '',
  privateHouse: s.privateHouse === true,
  fiasId: s.fiasId ?? '',
});

type Bind = (field: keyof AddressFormValues, type?: 'checkbox') => GetInputPropsReturnType;

/**
 * One address: a search field with suggestions from the address service (choosing one fills the parts), then the
 * parts themselves, which the borrower checks and completes — the flat, or «частный дом» when the house has none.
 */
export function AddressFields({
  label,
  bind,
  privateHouse,
  onPick,
}: {
  label: string;
  bind: Bind;
  privateHouse: boolean;
  onPick: (values: AddressFormValues) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const suggestions = useAddressSuggestions(debounced);
  const list = suggestions.data?.suggestions ?? [];
  return (
    <Stack gap="sm">
      <Autocomplete
        label={label}
        description="Начните вводить город, улицу и дом — и выберите адрес из списка"
        placeholder="Например: Казань, Баумана 5"
        value={search}
        onChange={setSearch}
        data={list.map((s) => s.value)}
        filter={({ options }) => options}
        onOptionSubmit={(value) => {
          const picked = list.find((s) => s.value === value);
          if (picked) onPick(fromSuggestion(picked));
        }}
      />
      {suggestions.data && !suggestions.data.available && (
        <Text size="sm" c="dimmed">
          Подсказки адресов сейчас недоступны — заполните поля ниже вручную.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Регион" required {...bind('region')} />
        <TextInput label="Город или населённый пункт" required {...bind('city')} />
        <TextInput label="Улица" {...bind('street')} />
        <TextInput label="Дом, корпус, строение" required {...bind('house')} />
        <TextInput label="Квартира" disabled={privateHouse} required={!privateHouse} {...bind('flat')} />
        <TextInput label="Индекс" inputMode="numeric" maxLength={6} {...bind('postalCode')} />
      </SimpleGrid>
      <Checkbox label="Частный дом (квартир нет)" {...bind('privateHouse', 'checkbox')} />
    </Stack>
  );
}
