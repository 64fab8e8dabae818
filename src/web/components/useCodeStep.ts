import { useForm } from '@mantine/form';
import { ZConfirmCode, type CodeSent } from '../../contracts';
import { isApiError, type ApiErrorCode } from '../api/api-error';
import { useServerErrors, type FormLike, type ServerErrorOptions } from '../forms/useServerErrors';
import { focusFirstError, validateWith } from '../forms/validation';
import { useResendCode } from './ResendCode';

/** A wrong or expired code is shown at the code field rather than in the alert. */
const CODE_ERRORS: ServerErrorOptions = { fieldFor: { CODE_EXPIRED: 'code', CODE_INVALID: 'code' } };

/** A form with a `code` field, e.g. Mantine's `useForm({ initialValues: { code: '' } })`. */
type CodeForm = FormLike & { setFieldValue: (path: 'code', value: string) => void };

/**
 * The logic shared by the screens that ask for an SMS code (phone confirmation, password recovery):
 * - `errors`: the form's server errors, CODE_EXPIRED and CODE_INVALID at the code field;
 * - `restartIfGone`: the error handler for the screen's requests; the attempt the server no longer knows
 *   (`goneCode`, e.g. REGISTRATION_NOT_FOUND) starts over with `onRestart`, anything else is shown;
 * - `resend`: «Отправить код ещё раз»; a new code clears the field and goes to `onResent`, a pause the
 *   server asks for goes to `onResendPause`, a failure to `restartIfGone`.
 */
export function useCodeStep(
  form: CodeForm,
  options: {
    goneCode: ApiErrorCode;
    resend: () => Promise<CodeSent>;
    onResent: (sent: CodeSent) => void;
    onResendPause: (resendAt: number) => void;
    onRestart: (reason: unknown) => void;
  },
) {
  const errors = useServerErrors(form, CODE_ERRORS);
  const restartIfGone = (error: unknown) => {
    if (isApiError(error, options.goneCode)) options.onRestart(error);
    else errors.show(error);
  };
  const resend = useResendCode(options.resend, {
    sent: (sent) => {
      errors.clear();
      form.setFieldValue('code', '');
      options.onResent(sent);
    },
    pause: options.onResendPause,
    error: restartIfGone,
  });
  return { errors, restartIfGone, resend };
}

/**
 * The form of a code screen: one `code` field checked by ZConfirmCode. `onSubmit(send, clear)` makes the submit
 * handler: it clears the previous errors (`clear`), and a valid code (six digits) goes to `send`.
 */
export function useCodeForm() {
  const form = useForm({
    initialValues: { code: '' },
    validate: (values) => {
      const result = validateWith(ZConfirmCode, values);
      return result.ok ? {} : result.errors;
    },
  });
  const onSubmit = (send: (code: string) => void, clear: () => void) =>
    form.onSubmit((values) => {
      clear();
      const result = validateWith(ZConfirmCode, values);
      if (result.ok) send(result.data.code);
    }, focusFirstError);
  return { form, onSubmit };
}
