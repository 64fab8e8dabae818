import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ZPassport, ZPersonFields } from '../../src/contracts';
import { displayDateToIso } from '../../src/web/i18n/format';
import {
  displayDateError,
  displayDateErrors,
  mergeErrors,
  personDateErrors,
  repeatPasswordErrors,
  validateWith,
  zodFieldErrors,
} from '../../src/web/forms/validation';

const passport = {
  series: '45 10',
  number: '123456',
  issueDate: '2010-05-20',
  issuedBy: 'ОВД Тверского района г. Москвы',
  divisionCode: '770001',
};
const person = { surname: 'Иванов', name: 'Иван', birthDate: '1990-05-10', sex: 'male' };

/** What a form does with a typed date: the format first, then the schema's «does it exist». */
function typedBirthDateErrors(display: string) {
  const result = validateWith(ZPersonFields, { ...person, birthDate: displayDateToIso(display) });
  return mergeErrors(displayDateErrors({ birthDate: display }), result.ok ? {} : result.errors);
}

describe('zodFieldErrors', () => {
  it('keys each issue by its dotted path, the first issue of a field wins', () => {
    const schema = z.object({
      code: z.string().min(6, 'Короче 6').regex(/^\d+$/, 'Только цифры'),
      passport: z.object({ series: z.string().length(4, 'Серия — 4 цифры') }),
      items: z.array(z.object({ name: z.string().min(1, 'Пусто') })),
    });
    const result = schema.safeParse({
      code: 'ab',
      passport: { series: '1' },
      items: [{ name: 'a' }, { name: '' }],
    });
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error!)).toEqual({
      code: 'Короче 6',
      'passport.series': 'Серия — 4 цифры',
      'items.1.name': 'Пусто',
    });
    expect(zodFieldErrors(result.error!, 'form.')).toEqual({
      'form.code': 'Короче 6',
      'form.passport.series': 'Серия — 4 цифры',
      'form.items.1.name': 'Пусто',
    });
  });

  it('an issue of the whole object has the prefix alone as its path', () => {
    const result = z
      .object({})
      .refine(() => false, 'Всё не так')
      .safeParse({});
    expect(zodFieldErrors(result.error!)).toEqual({ '': 'Всё не так' });
  });
});

describe('validateWith', () => {
  it('gives the parsed data of a valid input (the contract strips the masks)', () => {
    expect(validateWith(ZPassport, passport)).toEqual({
      ok: true,
      data: { ...passport, series: '4510', divisionCode: '770-001' },
    });
  });

  it('gives Russian errors keyed by form path, with the prefix of a nested form', () => {
    const input = { ...passport, series: '45', number: '', issueDate: '', issuedBy: 'ОВД' };
    const expected = {
      series: 'Серия паспорта — 4 цифры',
      number: 'Номер паспорта — 6 цифр',
      issueDate: 'Укажите дату в формате ГГГГ-ММ-ДД',
      issuedBy: 'Укажите, кем выдан паспорт, как в паспорте',
    };
    expect(validateWith(ZPassport, input)).toEqual({ ok: false, errors: expected });
    expect(validateWith(ZPassport, input, 'passport.')).toEqual({
      ok: false,
      errors: Object.fromEntries(
        Object.entries(expected).map(([path, message]) => [`passport.${path}`, message]),
      ),
    });
  });

  it('names a missing field', () => {
    expect(validateWith(ZPersonFields, { ...person, surname: '' })).toEqual({
      ok: false,
      errors: { surname: 'Укажите фамилию' },
    });
  });
});

describe('displayDateError', () => {
  it.each([
    ['', 'Укажите дату'],
    ['   ', 'Укажите дату'],
    ['01.02.20', 'Укажите дату полностью: ДД.ММ.ГГГГ'],
    ['1.2.2000', 'Укажите дату полностью: ДД.ММ.ГГГГ'],
    ['01.02.__', 'Укажите дату полностью: ДД.ММ.ГГГГ'],
    ['2000-02-01', 'Укажите дату полностью: ДД.ММ.ГГГГ'],
    ['01/02/2000', 'Укажите дату полностью: ДД.ММ.ГГГГ'],
    ['01.02.2000', null],
    [' 01.02.2000 ', null],
    // the format is right; whether the date exists is the schema's business
    ['31.02.2000', null],
  ])('%j → %s', (display, expected) => {
    expect(displayDateError(display)).toBe(expected);
  });

  it('displayDateErrors keeps only the fields in error', () => {
    expect(displayDateErrors({ birthDate: '10.05.1990', 'passport.issueDate': '20.05', other: '' })).toEqual({
      'passport.issueDate': 'Укажите дату полностью: ДД.ММ.ГГГГ',
      other: 'Укажите дату',
    });
  });
});

describe('a typed date ДД.ММ.ГГГГ through the form', () => {
  it.each([
    ['10.05.1990', {}],
    ['29.02.2000', {}],
    ['31.12.1999', {}],
    ['31.02.2000', { birthDate: 'Такой даты не существует' }],
    ['29.02.2001', { birthDate: 'Такой даты не существует' }],
    ['31.04.2001', { birthDate: 'Такой даты не существует' }],
    ['00.01.2000', { birthDate: 'Такой даты не существует' }],
    ['01.13.2000', { birthDate: 'Такой даты не существует' }],
    // the format message wins over the schema's ГГГГ-ММ-ДД one
    ['10.05.90', { birthDate: 'Укажите дату полностью: ДД.ММ.ГГГГ' }],
    ['', { birthDate: 'Укажите дату' }],
  ])('%j → %j', (display, expected) => {
    expect(typedBirthDateErrors(display)).toEqual(expected);
  });
});

describe('personDateErrors', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // 24 November 2026, 15:00 in Moscow
    vi.setSystemTime(new Date('2026-11-24T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it.each([
    ['an adult with a passport issued at 14', '1990-05-10', '2004-05-10', {}],
    ['18 today', '2008-11-24', '2022-12-01', {}],
    ['17, 18 tomorrow', '2008-11-25', '2022-12-01', { birthDate: 'Личный кабинет можно открыть с 18 лет' }],
    [
      'born in the future',
      '2026-11-25',
      '2022-12-01',
      {
        birthDate: 'Дата рождения не может быть в будущем',
        'passport.issueDate': 'Паспорт выдают не раньше 14 лет: проверьте дату выдачи',
      },
    ],
    ['100 years old', '1926-11-24', '1990-01-01', {}],
    ['older than 100', '1925-11-23', '1990-01-01', { birthDate: 'Проверьте дату рождения' }],
    [
      'a passport issued the day before 14',
      '1990-05-10',
      '2004-05-09',
      { 'passport.issueDate': 'Паспорт выдают не раньше 14 лет: проверьте дату выдачи' },
    ],
    ['a passport issued today', '1990-05-10', '2026-11-24', {}],
    [
      'a passport issued tomorrow',
      '1990-05-10',
      '2026-11-25',
      { 'passport.issueDate': 'Дата выдачи не может быть в будущем' },
    ],
    [
      'both wrong',
      '2010-01-01',
      '2027-01-01',
      {
        birthDate: 'Личный кабинет можно открыть с 18 лет',
        'passport.issueDate': 'Дата выдачи не может быть в будущем',
      },
    ],
    ['a birth date not yet complete', '10.05.1990', '2004-05-09', {}],
    ['an issue date not yet complete', '2010-01-01', '', {}],
  ])('%s', (_, birthDate, issueDate, expected) => {
    expect(personDateErrors(birthDate, issueDate)).toEqual(expected);
  });

  it('«today» is the Moscow date: at 00:30 in Moscow the borrower born that day is already 18', () => {
    vi.setSystemTime(new Date('2026-11-24T21:30:00Z'));
    expect(personDateErrors('2008-11-25', '2022-12-01')).toEqual({});
    vi.setSystemTime(new Date('2026-11-24T20:59:59Z'));
    expect(personDateErrors('2008-11-25', '2022-12-01')).toEqual({
      birthDate: 'Личный кабинет можно открыть с 18 лет',
    });
  });
});

describe('repeatPasswordErrors', () => {
  it.each([
    ['secret-pass', '', { repeatPassword: 'Повторите пароль' }],
    ['secret-pass', 'secret-Pass', { repeatPassword: 'Пароли не совпадают' }],
    ['secret-pass', 'secret-pass ', { repeatPassword: 'Пароли не совпадают' }],
    ['secret-pass', 'secret-pass', {}],
  ])('%j and %j → %j', (password, repeat, expected) => {
    expect(repeatPasswordErrors(password, repeat)).toEqual(expected);
  });
});

describe('mergeErrors', () => {
  it('keeps every field, the earlier set winning a field both name', () => {
    expect(
      mergeErrors(
        { birthDate: 'Укажите дату' },
        { birthDate: 'Такой даты не существует', surname: 'Укажите фамилию' },
        {},
        { surname: 'другое', name: 'Укажите имя' },
      ),
    ).toEqual({ birthDate: 'Укажите дату', surname: 'Укажите фамилию', name: 'Укажите имя' });
  });

  it('of nothing is no errors', () => {
    expect(mergeErrors()).toEqual({});
  });
});
