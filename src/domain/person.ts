import { addYears, ageOn, type IsoDate } from './calendar';
import { passportValidOn } from './decision';

export type DateFieldError = { path: 'birthDate' | 'passport.issueDate'; message: string };

export const PERSON_RULES = {
  minAge: 18,
  maxAge: 100,
  /** A Russian passport is first issued at 14. */
  passportFirstIssueAge: 14,
};

/**
 * The date rules of registration and of a passport change: the borrower is an adult, the passport was issued
 * on or after the 14th birthday and not in the future.
 */
export function checkPersonDates(input: {
  birthDate: IsoDate;
  passportIssueDate: IsoDate;
  today: IsoDate;
}): DateFieldError[] {
  const errors: DateFieldError[] = [];
  const { birthDate, passportIssueDate, today } = input;
  if (birthDate > today) {
    errors.push({ path: 'birthDate', message: 'Дата рождения не может быть в будущем' });
  } else if (ageOn(birthDate, today) < PERSON_RULES.minAge) {
    errors.push({ path: 'birthDate', message: 'Личный кабинет можно открыть с 18 лет' });
  } else if (ageOn(birthDate, today) > PERSON_RULES.maxAge) {
    errors.push({ path: 'birthDate', message: 'Проверьте дату рождения' });
  }
  if (passportIssueDate > today) {
    errors.push({ path: 'passport.issueDate', message: 'Дата выдачи не может быть в будущем' });
  } else if (passportIssueDate < addYears(birthDate, PERSON_RULES.passportFirstIssueAge)) {
    errors.push({
      path: 'passport.issueDate',
      message: 'Паспорт выдают не раньше 14 лет: проверьте дату выдачи',
    });
  }
  return errors;
}

/** 2010-06-20 → 20.06.2010, as a date is written in Russian. */
const ruDate = (date: IsoDate) => date.split('-').reverse().join('.');

/**
 * The date rules of a passport change ('YYYY-MM-DD' dates, today in the lender's time zone): those of
 * registration (checkPersonDates: issued on or after the 14th birthday, not in the future), and besides
 * - the new passport is issued on or after the current one (a replacement is never older than what it replaces);
 * - it is valid for the borrower's age: a passport is replaced at 20 and at 45 (Regulation on the passport of a
 *   citizen of the Russian Federation, Government Decree No. 828 of 08.07.1997, p. 7; passportValidOn).
 * Returns at most one error, at `passport.issueDate`, in Russian; [] when the change may go ahead.
 */
export function checkPassportChange(input: {
  birthDate: IsoDate;
  currentIssueDate: IsoDate;
  newIssueDate: IsoDate;
  today: IsoDate;
}): DateFieldError[] {
  const { birthDate, currentIssueDate, newIssueDate, today } = input;
  const basic = checkPersonDates({ birthDate, passportIssueDate: newIssueDate, today }).filter(
    (e) => e.path === 'passport.issueDate',
  );
  if (basic.length > 0) return basic;
  if (newIssueDate < currentIssueDate)
    return [
      {
        path: 'passport.issueDate',
        message: `Новый паспорт не может быть выдан раньше нынешнего, выданного ${ruDate(currentIssueDate)}`,
      },
    ];
  if (!passportValidOn(birthDate, newIssueDate, today))
    return [
      {
        path: 'passport.issueDate',
        message: 'Этот паспорт недействителен: паспорт меняют в 20 и 45 лет. Укажите действующий паспорт',
      },
    ];
  return [];
}

/** Full name as people write it differently: case, ё/е, extra spaces. */
export function normalizeName(part: string | null | undefined): string {
  return (part ?? '').trim().toUpperCase().replace(/Ё/g, 'Е').replace(/\s+/g, ' ');
}

/** The identity of a person for the duplicate search: full name and birth date. */
export function personKey(p: {
  surname: string;
  name: string;
  patronymic?: string | null | undefined;
  birthDate: IsoDate;
}): string {
  return [
    'person',
    normalizeName(p.surname),
    normalizeName(p.name),
    normalizeName(p.patronymic),
    p.birthDate,
  ].join('|');
}

/** The identity of a Russian passport: series and number, digits only. */
export function passportKey(series: string, number: string): string {
  return `passport|${series.replace(/\D/g, '')}|${number.replace(/\D/g, '')}`;
}

/** 4510 123456 → 45** ***456 */
export function maskPassport(series: string, number: string): string {
  return `${series.slice(0, 2)}** ***${number.slice(-3)}`;
}
