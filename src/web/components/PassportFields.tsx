import { SimpleGrid, Stack, Textarea } from '@mantine/core';
import type { PassportInput } from '../../contracts';
import { displayDateToIso } from '../i18n/format';
import { DateInput } from './fields';
import { MaskedInput, type FieldBinding } from './MaskedInput';

/** The passport as typed: the date is ДД.ММ.ГГГГ. */
export type PassportValues = {
  series: string;
  number: string;
  issueDate: string;
  issuedBy: string;
  divisionCode: string;
};

export const emptyPassport = (): PassportValues => ({
  series: '',
  number: '',
  issueDate: '',
  issuedBy: '',
  divisionCode: '',
});

/** The passport as the API takes it (ZPassport strips the mask's spaces itself). */
export const passportToApi = (values: PassportValues): PassportInput => ({
  ...values,
  issueDate: displayDateToIso(values.issueDate),
});

/**
 * The five passport fields, shared by registration and the passport change. `bind` gives each field its
 * value, change handler and error, e.g. `(field) => form.getInputProps(\`passport.${field}\`)`.
 */
export function PassportFields({ bind }: { bind: (field: keyof PassportValues) => FieldBinding }) {
  const issuedBy = bind('issuedBy');
  const digits = (field: 'series' | 'number' | 'divisionCode', label: string, mask: string) => (
    <MaskedInput label={label} mask={mask} placeholder={mask} inputMode="numeric" {...bind(field)} />
  );
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {digits('series', 'Серия паспорта', '00 00')}
        {digits('number', 'Номер паспорта', '000000')}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <DateInput label="Дата выдачи" {...bind('issueDate')} />
        {digits('divisionCode', 'Код подразделения', '000-000')}
      </SimpleGrid>
      <Textarea
        label="Кем выдан"
        placeholder="Как написано в паспорте"
        rows={3}
        resize="vertical"
        value={issuedBy.value ?? ''}
        onChange={(event) => issuedBy.onChange(event.currentTarget.value)}
        onBlur={issuedBy.onBlur}
        onFocus={issuedBy.onFocus}
        error={issuedBy.error}
      />
    </Stack>
  );
}
