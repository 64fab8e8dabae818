import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';
import { checkPassportChange, checkPersonDates } from '../../domain/person';
import { todayIso } from '../i18n/format';

export type FieldErrors = Record<string, string>;

/** Zod issues → form errors keyed by dotted path (`passport.series`), the first issue of each field wins. */
export function zodFieldErrors(error: z.ZodError, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = prefix + issue.path.map(String).join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Validates `input` with a contract schema; errors are keyed by form path. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: zodFieldErrors(result.error, prefix) };
}

/**
 * The format of a typed ДД.ММ.ГГГГ date, checked before the schema so the message speaks of the format the
 * user sees (the schema's own speaks of ГГГГ-ММ-ДД). Whether the date exists is left to the schema.
 */
export function displayDateError(display: string): string | null {
  if (display.trim() === '') return 'Укажите дату';
  if (!/^\d{2}\.\d{2}\.\d{4}$/.test(display.trim())) return 'Укажите дату полностью: ДД.ММ.ГГГГ';
  return null;
}

/** Errors of the typed date fields given as path → displayed value. */
export function displayDateErrors(dates: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, display] of Object.entries(dates)) {
    const message = displayDateError(display);
    if (message) errors[path] = message;
  }
  return errors;
}

/**
 * The domain's date rules (adult borrower, passport issued from 14 and not in the future), applied only
 * when both dates are real dates; otherwise their own errors already say what is wrong.
 */
export function personDateErrors(birthDate: string, passportIssueDate: string): FieldErrors {
  if (!isIsoDate(birthDate) || !isIsoDate(passportIssueDate)) return {};
  return byPath(checkPersonDates({ birthDate, passportIssueDate, today: todayIso() }));
}

/**
 * The domain's rules of a passport change (checkPassportChange: not older than the current passport, valid for
 * the borrower's age), applied only when the new issue date is a real date. Errors at `passport.issueDate`.
 */
export function passportChangeErrors(
  birthDate: string,
  currentIssueDate: string,
  newIssueDate: string,
): FieldErrors {
  if (!isIsoDate(newIssueDate)) return {};
  return byPath(checkPassportChange({ birthDate, currentIssueDate, newIssueDate, today: todayIso() }));
}

const isIsoDate = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date);
const byPath = (errors: { path: string; message: string }[]): FieldErrors =>
  Object.fromEntries(errors.map((e) => [e.path, e.message]));

/**
 * The errors of a form with typed dates, the first of each field wins: the format of the typed ДД.ММ.ГГГГ dates
 * (`typedDates`: path → shown value), then the contract `schema` on the API `body` (paths with `prefix`), then
 * the domain's date rules (`rules`, e.g. personDateErrors). Shared by registration and the passport change.
 */
export function formErrors<S extends z.ZodType>(
  schema: S,
  body: unknown,
  options: { typedDates: Record<string, string>; rules: FieldErrors; prefix?: string },
): FormErrors {
  const result = validateWith(schema, body, options.prefix);
  return mergeErrors(displayDateErrors(options.typedDates), result.ok ? {} : result.errors, options.rules);
}

/** The repeat of a new password: given and the same (field `repeatPassword`). */
export function repeatPasswordErrors(password: string, repeat: string): FieldErrors {
  if (repeat === '') return { repeatPassword: 'Повторите пароль' };
  if (repeat !== password) return { repeatPassword: 'Пароли не совпадают' };
  return {};
}

/** Merges error sets; the earlier set wins for a field both name. */
export function mergeErrors(...sets: FieldErrors[]): FormErrors {
  const merged: FieldErrors = {};
  for (const set of sets) for (const [path, message] of Object.entries(set)) merged[path] ??= message;
  return merged;
}

/** Moves focus to the first field marked invalid, after Mantine has rendered the errors. */
export function focusFirstError(): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
  });
}
