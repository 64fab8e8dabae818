import { Group, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { DateInput } from '../../components/fields';

export type PersonValues = {
  surname: string;
  name: string;
  patronymic: string;
  birthDate: string;
  sex: '' | 'male' | 'female';
};

export const emptyPerson = (): PersonValues => ({
  surname: '',
  name: '',
  patronymic: '',
  birthDate: '',
  sex: '',
});

/** Full name, birth date and sex, as in the passport. */
export function PersonFields({ bind }: { bind: (field: keyof PersonValues) => GetInputPropsReturnType }) {
  return (
    <Stack gap="sm">
      <TextInput label="Фамилия" autoComplete="family-name" {...bind('surname')} />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput label="Имя" autoComplete="given-name" {...bind('name')} />
        <TextInput
          label="Отчество"
          description="Если есть в паспорте"
          autoComplete="additional-name"
          {...bind('patronymic')}
        />
      </SimpleGrid>
      <DateInput label="Дата рождения" {...bind('birthDate')} />
      <Radio.Group label="Пол" {...bind('sex')}>
        <Group gap="lg" mt={6}>
          <Radio value="male" label="Мужской" />
          <Radio value="female" label="Женский" />
        </Group>
      </Radio.Group>
    </Stack>
  );
}
