import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { ZConfirmCode, type CodeSent } from '../../contracts';
import type { ApiErrorCode } from '../api/api-error';
import { focusFirstError, validateWith } from '../forms/validation';
import { useCodeStep } from './useCodeStep';

/**
 * A document signed with an SMS code (a contract, an addendum): the code form, the code step (useCodeStep: a
 * wrong code at the field, «Отправить код ещё раз»; a document the server no longer offers, `goneCode`, shows
 * why and goes to `onRestart`), the signing request (`sign`, its answer to `onSigned`) and the form's submit.
 */
export function useSignWithCode<T>(options: {
  goneCode: ApiErrorCode;
  resend: () => Promise<CodeSent>;
  onResent: (sent: CodeSent) => void;
  onResendPause: (resendAt: number) => void;
  onRestart: () => void;
  sign: (body: { code: string }) => Promise<T>;
  onSigned: (signed: T) => void;
}) {
  const form = useForm({
    initialValues: { code: '' },
    validate: (values) => {
      const result = validateWith(ZConfirmCode, values);
      return result.ok ? {} : result.errors;
    },
  });
  const step = useCodeStep(form, {
    ...options,
    onRestart: (reason) => {
      step.errors.show(reason);
      options.onRestart();
    },
  });
  const sign = useMutation({
    mutationFn: options.sign,
    onSuccess: options.onSigned,
    onError: step.restartIfGone,
  });
  const submit = form.onSubmit((values) => {
    step.errors.clear();
    const result = validateWith(ZConfirmCode, values);
    if (result.ok) sign.mutate(result.data);
  }, focusFirstError);
  return { form, errors: step.errors, resend: step.resend, sign, submit };
}
