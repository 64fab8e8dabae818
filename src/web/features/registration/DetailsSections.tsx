import { Stack, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { z } from 'zod';
import type { ConsentKind } from '../../../contracts';
import { PassportFields, passportToApi, type PassportValues } from '../../components/PassportFields';
import { formErrors, personDateErrors } from '../../forms/validation';
import { displayDateToIso } from '../../i18n/format';
import { PersonRegisteredAlert, PhoneTakenAlert } from './alerts';
import { ConsentFields, type ConsentValues } from './ConsentFields';
import { PersonFields, type PersonValues } from './PersonFields';

/**
 * What the last step of registration asks for, whether the phone came first (DetailsStep) or a provider did
 * (FederatedDetailsStep): the person, the passport and the three consents.
 */
export type PersonDetailsValues = PersonValues & { passport: PassportValues; consents: ConsentValues };

/** The values as the API's body fields (dates ДД.ММ.ГГГГ → YYYY-MM-DD; an empty patronymic left out). */
export const personDetailsBody = (values: PersonDetailsValues) => ({
  surname: values.surname,
  name: values.name,
  patronymic: values.patronymic.trim() === '' ? undefined : values.patronymic,
  birthDate: displayDateToIso(values.birthDate),
  sex: values.sex,
  passport: passportToApi(values.passport),
  consents: values.consents,
});

/** The form's errors: the body checked against `schema`, typed dates checked as typed, and the date rules. */
export function personDetailsErrors(
  schema: z.ZodType,
  values: PersonDetailsValues,
  body: ReturnType<typeof personDetailsBody>,
) {
  return formErrors(schema, body, {
    typedDates: { birthDate: values.birthDate, 'passport.issueDate': values.passport.issueDate },
    rules: personDateErrors(body.birthDate, body.passport.issueDate),
  });
}

/** Answers treated specially: each has its own message with links. */
export type RegistrationOutcome = 'phone-taken' | 'person-registered' | null;

/** The message for an outcome (nothing for null). */
export function RegistrationOutcomeAlert({ outcome }: { outcome: RegistrationOutcome }) {
  if (outcome === 'phone-taken') return <PhoneTakenAlert />;
  if (outcome === 'person-registered') return <PersonRegisteredAlert />;
  return null;
}

// The form's own type differs per step (the captcha is one more field in one of them); the sections read only the
// fields every step has.
type DetailsForm = UseFormReturnType<PersonDetailsValues & Record<string, unknown>>;

/** «Личные данные» and «Паспорт», editable. */
export function PersonPassportSections({ form }: { form: DetailsForm }) {
  return (
    <>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Личные данные
        </Title>
        <PersonFields bind={(field) => form.getInputProps(field)} />
      </Stack>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Паспорт
        </Title>
        <PassportFields bind={(field) => form.getInputProps(`passport.${field}`)} />
      </Stack>
    </>
  );
}

/** «Согласия»: the three consents, each its own checkbox (152-FZ art. 9 p. 1: consent is specific and informed; each one is given on its own). */
export function ConsentsSection({ form }: { form: DetailsForm }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Согласия
      </Title>
      <ConsentFields
        bind={(kind: ConsentKind) => form.getInputProps(`consents.${kind}`, { type: 'checkbox' })}
      />
    </Stack>
  );
}
