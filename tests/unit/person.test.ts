import { describe, expect, it } from 'vitest';
import { ZPassport, ZPersonFields } from '../../src/contracts';
import { addYears, ageOn, dateInZone } from '../../src/domain/calendar';
import { checkPersonDates, maskPassport, passportKey, personKey } from '../../src/domain/person';

describe('calendar', () => {
  it.each([
    ['2000-02-29', 18, '2018-02-28'],
    ['2000-02-29', 4, '2004-02-29'],
    ['2008-11-24', 18, '2026-11-24'],
  ])('addYears(%s, %i) = %s', (date, years, expected) => expect(addYears(date, years)).toBe(expected));

  it.each([
    ['2008-11-24', '2026-11-24', 18],
    ['2008-11-25', '2026-11-24', 17],
    ['2008-02-29', '2026-02-28', 18],
    ['2008-02-29', '2026-02-27', 17],
  ])('ageOn(%s, %s) = %i', (birth, on, age) => expect(ageOn(birth, on)).toBe(age));

  it('turns an instant into the Moscow date', () => {
    expect(dateInZone(new Date('2026-11-24T21:30:00Z'), 'Europe/Moscow')).toBe('2026-11-25');
    expect(dateInZone(new Date('2026-11-24T20:59:59Z'), 'Europe/Moscow')).toBe('2026-11-24');
  });
});

describe('checkPersonDates', () => {
  const today = '2026-11-24';
  it.each([
    ['an adult with a passport issued at 14', '1990-05-10', '2004-05-10', []],
    ['18 today', '2008-11-24', '2022-12-01', []],
    ['17 years old', '2008-11-25', '2022-12-01', ['birthDate']],
    ['born in the future', '2027-01-01', '2026-01-01', ['birthDate', 'passport.issueDate']],
    ['passport before the 14th birthday', '1990-05-10', '2004-05-09', ['passport.issueDate']],
    ['passport issued tomorrow', '1990-05-10', '2026-11-25', ['passport.issueDate']],
    ['passport issued today', '1990-05-10', '2026-11-24', []],
    ['older than 100', '1920-01-01', '2000-01-01', ['birthDate']],
  ])('%s', (_name, birthDate, passportIssueDate, paths) => {
    expect(checkPersonDates({ birthDate, passportIssueDate, today }).map((e) => e.path)).toEqual(paths);
  });
});

describe('identity keys', () => {
  it('the same person written differently has one key', () => {
    const a = personKey({ surname: 'Сёмин', name: 'Пётр', patronymic: 'Ильич', birthDate: '1990-01-01' });
    const b = personKey({ surname: ' СЕМИН ', name: 'петр', patronymic: 'ильич', birthDate: '1990-01-01' });
    expect(a).toBe(b);
    expect(personKey({ surname: 'Семин', name: 'Петр', birthDate: '1990-01-01' })).not.toBe(a);
  });
  it('passport key ignores spaces', () =>
    expect(passportKey('45 10', '123456')).toBe(passportKey('4510', '123456')));
  it('masks a passport', () => expect(maskPassport('4510', '123456')).toBe('45** ***456'));
});

describe('passport and person schemas', () => {
  it.each([
    [
      { series: '45 10', number: '123456', divisionCode: '770-001' },
      { series: '4510', divisionCode: '770-001' },
    ],
    [
      { series: '4510', number: '123 456', divisionCode: '770001' },
      { number: '123456', divisionCode: '770-001' },
    ],
  ])('accepts a valid passport written as people write it', (input, expected) => {
    const parsed = ZPassport.parse({
      issueDate: '2015-06-01',
      issuedBy: 'ОУФМС России по Московской обл.',
      ...input,
    });
    expect(parsed).toMatchObject(expected);
  });

  it.each([
    [{ series: '451' }, 'series', 'Серия паспорта — 4 цифры'],
    [{ number: '12345a' }, 'number', 'Номер паспорта — 6 цифр'],
    [{ divisionCode: '77-0001' }, 'divisionCode', 'Код подразделения — в формате 123-456'],
    [{ issueDate: '2015-02-30' }, 'issueDate', 'Такой даты не существует'],
  ])('rejects %o with a Russian message', (override, path, message) => {
    const result = ZPassport.safeParse({
      series: '4510',
      number: '123456',
      issueDate: '2015-06-01',
      issuedBy: 'ОУФМС России по Московской обл.',
      divisionCode: '770-001',
      ...override,
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[path, message]]);
  });

  it.each(['Салтыков-Щедрин', "Д'Артаньян", 'Анна Мария', 'Ёлкина'])('accepts the name %s', (surname) => {
    expect(
      ZPersonFields.safeParse({ surname, name: 'Анна', birthDate: '1990-01-01', sex: 'female' }).success,
    ).toBe(true);
  });
  it.each(['Ivanov', 'Иванов1', '-Иванов'])('rejects the name %s', (surname) => {
    expect(
      ZPersonFields.safeParse({ surname, name: 'Анна', birthDate: '1990-01-01', sex: 'female' }).success,
    ).toBe(false);
  });
});

describe('person messages', () => {
  it('ask for the missing fields in proper Russian', () => {
    const result = ZPersonFields.safeParse({ surname: '', name: '', birthDate: '1990-01-01', sex: 'female' });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['Укажите фамилию', 'Укажите имя']);
  });
});
