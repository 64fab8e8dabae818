import { describe, expect, it } from 'vitest';
import { checkPassportChange } from '../../src/domain/person';

describe('checkPassportChange', () => {
  const today = '2026-11-24';
  const BEFORE_CURRENT = 'Новый паспорт не может быть выдан раньше нынешнего, выданного 20.06.2010';
  const INVALID_FOR_AGE =
    'Этот паспорт недействителен: паспорт меняют в 20 и 45 лет. Укажите действующий паспорт';
  it.each([
    // The issue's example: 4521 778899 issued 01.01.2009 over a passport issued 20.06.2010.
    ['older than the current one', '1990-05-10', '2010-06-20', '2009-01-01', BEFORE_CURRENT],
    ['a day older than the current one', '1990-05-10', '2010-06-20', '2010-06-19', BEFORE_CURRENT],
    ['issued the same day as the current one', '1990-05-10', '2010-06-20', '2010-06-20', null],
    ['issued after the current one', '1990-05-10', '2010-06-20', '2026-10-01', null],
    // Born 1980-03-01: 45 on 2025-03-01, usable until 2025-05-30; a passport from before the 45th is void now.
    ['issued at 44 to a 46-year-old', '1980-03-01', '2000-03-10', '2025-02-28', INVALID_FOR_AGE],
    ['issued on the 45th birthday', '1980-03-01', '2000-03-10', '2025-03-01', null],
    // Born 2006-02-01: 20 on 2026-02-01, usable until 2026-05-02.
    [
      'issued at 19 to a 20-year-old after the 90 days',
      '2006-02-01',
      '2020-02-10',
      '2024-05-01',
      INVALID_FOR_AGE,
    ],
    ['in the future', '1990-05-10', '2010-06-20', '2026-11-25', 'Дата выдачи не может быть в будущем'],
    [
      'before the 14th birthday',
      '1990-05-10',
      '2003-01-01',
      '2004-05-09',
      'Паспорт выдают не раньше 14 лет: проверьте дату выдачи',
    ],
  ])('%s', (_, birthDate, currentIssueDate, newIssueDate, message) => {
    expect(checkPassportChange({ birthDate, currentIssueDate, newIssueDate, today })).toEqual(
      message === null ? [] : [{ path: 'passport.issueDate', message }],
    );
  });

  it('a passport issued at 19 is still usable within 90 days after the 20th birthday', () => {
    expect(
      checkPassportChange({
        birthDate: '2006-09-01',
        currentIssueDate: '2020-09-10',
        newIssueDate: '2025-01-15',
        today,
      }),
    ).toEqual([]);
  });
});
