import { PasswordInput, Text, type PasswordInputProps } from '@mantine/core';
import { PASSWORD_HINT } from '../i18n/texts';
import { MaskedInput, type FieldBinding } from './MaskedInput';

type FieldProps = FieldBinding & {
  label?: string;
  description?: string;
  autoFocus?: boolean;
  autoComplete?: string;
};

/**
 * A pasted or autofilled 8 912 345-67-89 or +7 912 345-67-89 becomes its ten digits; a lone 8 typed first
 * is the trunk prefix, not the first digit (mobile numbers start with 9).
 */
function preparePhone(chars: string, masked: { value: string }): string {
  const digits = chars.replace(/\D/g, '');
  if (chars.length > 1 && digits.length === 11 && /^[78]/.test(digits)) return digits.slice(1);
  if (masked.value === '' && chars === '8') return '';
  return chars;
}

export function PhoneInput({ label = 'Номер телефона', ...props }: FieldProps) {
  return (
    <MaskedInput
      label={label}
      mask="+7 (000) 000-00-00"
      prepare={preparePhone}
      placeholder="+7 (900) 000-00-00"
      type="tel"
      inputMode="tel"
      autoComplete="tel"
      {...props}
    />
  );
}

export function CodeInput({ label = 'Код из СМС', ...props }: FieldProps) {
  return (
    <MaskedInput
      label={label}
      mask="000000"
      placeholder="6 цифр"
      inputMode="numeric"
      autoComplete="one-time-code"
      {...props}
    />
  );
}

/** A date typed as ДД.ММ.ГГГГ; convert with displayDateToIso for the API. */
export function DateInput({ label, ...props }: FieldProps & { label: string }) {
  return (
    <MaskedInput label={label} mask="00.00.0000" placeholder="ДД.ММ.ГГГГ" inputMode="numeric" {...props} />
  );
}

/** What `form.getInputProps(path)` gives a password field. */
type PasswordBinding = Pick<PasswordInputProps, 'value' | 'onChange' | 'onBlur' | 'onFocus' | 'error'>;

/** A password field; `withHint` shows the password rules under it (for a new password). */
export function PasswordField({
  withHint = false,
  autoComplete = 'current-password',
  ...props
}: Omit<PasswordInputProps, 'description'> & { label: string; withHint?: boolean }) {
  return (
    <PasswordInput
      autoComplete={autoComplete}
      description={
        withHint ? (
          <Text span size="xs" c="dimmed">
            {PASSWORD_HINT}
          </Text>
        ) : undefined
      }
      {...props}
    />
  );
}

/**
 * A new password and its repeat (registration, recovery). The repeat is checked on the client only, with
 * repeatPasswordErrors.
 */
export function NewPasswordFields({
  label,
  password,
  repeat,
}: {
  label: 'Пароль' | 'Новый пароль';
  password: PasswordBinding;
  repeat: PasswordBinding;
}) {
  return (
    <>
      <PasswordField label={label} withHint autoComplete="new-password" {...password} />
      <PasswordField label="Повторите пароль" autoComplete="new-password" {...repeat} />
    </>
  );
}
