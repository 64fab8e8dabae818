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
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <MaskedInput
          label="Серия паспорта"
          mask="00 00"
          placeholder="00 00"
          inputMode="numeric"
          {...bind('series')}
        />
        <MaskedInput
          label="Номер паспорта"
          mask="000000"
          placeholder="000000"
          inputMode="numeric"
          {...bind('number')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <DateInput label="Дата выдачи" {...bind('issueDate')} />
        <MaskedInput
          label="Код подразделения"
          mask="000-000"
          placeholder="000-000"
          inputMode="numeric"
          {...bind('divisionCode')}
        />
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
