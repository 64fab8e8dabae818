import type { FormErrors } from '@mantine/form';
import { useCallback, useState } from 'react';
import type { ApiErrorCode } from '../api/api-error';
import { ApiError } from '../api/api-error';

/** What the hook needs of a Mantine form. */
export type FormLike = {
  values: object;
  setErrors: (errors: FormErrors | ((prev: FormErrors) => FormErrors)) => void;
};

export type ServerErrorOptions = {
  /** Tried before a server path that is not a form path as is (the form nests the body under it). */
  prefix?: string;
  /** The field that shows the `detail` of a code answered without field errors, e.g. CODE_EXPIRED → code. */
  fieldFor?: Partial<Record<ApiErrorCode, string>>;
};

function hasPath(values: object, path: string): boolean {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

const withAttempts = (message: string, attemptsLeft: number | undefined) =>
  attemptsLeft === undefined
    ? message
    : `${message.replace(/[.\s]*$/, '.')} Осталось попыток: ${attemptsLeft}.`;

/**
 * Places a failed request's field errors next to their fields; returns false when something could not be
 * placed and so belongs in an alert.
 */
export function placeFieldErrors(form: FormLike, error: ApiError, options: ServerErrorOptions = {}): boolean {
  const fields: FormErrors = {};
  let allPlaced = error.errors.length > 0;
  for (const { path, message } of error.errors) {
    const target = [path, `${options.prefix ?? ''}${path}`].find((p) => hasPath(form.values, p));
    if (target) fields[target] ??= withAttempts(message, error.attemptsLeft);
    else allPlaced = false;
  }
  const fallback = options.fieldFor?.[error.code];
  if (error.errors.length === 0 && fallback && hasPath(form.values, fallback)) {
    fields[fallback] = withAttempts(error.detail, error.attemptsLeft);
    allPlaced = true;
  }
  form.setErrors((prev) => ({ ...prev, ...fields }));
  return allPlaced;
}

/**
 * The error state of a form bound to the API: field errors go to the fields, the rest to one alert
 * (render it with <ApiErrorAlert error={alert} />).
 */
export function useServerErrors(form: FormLike, options: ServerErrorOptions = {}) {
  const [alert, setAlert] = useState<unknown>(null);
  const { prefix, fieldFor } = options;
  const show = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && placeFieldErrors(form, error, { prefix, fieldFor })) setAlert(null);
      else setAlert(error);
    },
    [form, prefix, fieldFor],
  );
  const clear = useCallback(() => setAlert(null), []);
  return { alert, show, clear };
}
