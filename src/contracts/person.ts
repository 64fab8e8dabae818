import './zod-locale';
import { z } from 'zod';
import { ZIsoDate, ZText } from './common';

/** `what` names the field in messages; `accusative` is its form after «Укажите» (фамилию, имя). */
const ZName = (what: string, accusative: string | null) => {
  const base = z
    .string()
    .trim()
    .max(60, `${what}: не длиннее 60 символов`)
    .regex(
      /^[А-Яа-яЁё]+(?:[ '-][А-Яа-яЁё]+)*$|^$/,
      `${what}: только русские буквы, пробел, дефис или апостроф`,
    );
  return accusative ? base.min(1, `Укажите ${accusative}`) : base;
};

export const ZSex = z.enum(['male', 'female'], { error: 'Укажите пол' });

export const ZPassport = z.object({
  series: z
    .string({ error: 'Укажите серию паспорта' })
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{4}$/, 'Серия паспорта — 4 цифры')),
  number: z
    .string({ error: 'Укажите номер паспорта' })
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Номер паспорта — 6 цифр')),
  issueDate: ZIsoDate,
  issuedBy: ZText(300, 'Кем выдан').min(5, 'Укажите, кем выдан паспорт, как в паспорте'),
  divisionCode: z
    .string({ error: 'Укажите код подразделения' })
    .max(16, 'Код подразделения — в формате 123-456')
    .trim()
    .regex(/^\d{3}-?\d{3}$/, 'Код подразделения — в формате 123-456')
    .transform((s) => (s.includes('-') ? s : `${s.slice(0, 3)}-${s.slice(3)}`)),
});
export type PassportInput = z.input<typeof ZPassport>;
export type Passport = z.infer<typeof ZPassport>;

export const ZPersonFields = z.object({
  surname: ZName('Фамилия', 'фамилию'),
  name: ZName('Имя', 'имя'),
  patronymic: ZName('Отчество', null).optional(),
  birthDate: ZIsoDate,
  sex: ZSex,
});
