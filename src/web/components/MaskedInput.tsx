import { InputBase, type InputBaseProps } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { IMask } from 'react-imask';

/** What a form hands to a field: Mantine's `form.getInputProps(path)` fits. */
export type FieldBinding = {
  value?: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  onBlur?: () => void;
  onFocus?: () => void;
};

type Prepare = (chars: string, masked: { value: string }) => string;

export type MaskedInputProps = Omit<InputBaseProps, 'onChange' | 'value'> &
  FieldBinding & {
    mask: string;
    /** Rewrites what is typed or pasted before the mask sees it. */
    prepare?: Prepare;
    placeholder?: string;
    inputMode?: 'numeric' | 'tel' | 'text';
    autoComplete?: string;
    autoFocus?: boolean;
    type?: 'text' | 'tel';
    name?: string;
  };

/**
 * A Mantine input with an IMask pattern (0 = a digit). The form keeps the value as displayed, with the mask's
 * spaces and dashes; the contract schemas strip them.
 *
 * IMask is bound to the element directly rather than through <IMaskInput>, so the mask also notices a
 * selection made without a key (a long press on a phone, a script calling select()) and a new value typed
 * over a filled field replaces it instead of being refused as an insertion into a full mask.
 */
export function MaskedInput({ mask, prepare, value = '', onChange, ...rest }: MaskedInputProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const maskRef = useRef<ReturnType<typeof IMask<{ mask: string; prepare?: Prepare }>> | null>(null);
  const latest = useRef({ value, onChange, prepare });
  latest.current = { value, onChange, prepare };

  useEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    const masked = IMask(el, {
      mask,
      prepare: (chars: string, m: { value: string }) => latest.current.prepare?.(chars, m) ?? chars,
    });
    masked.on('accept', () => {
      if (masked.value !== latest.current.value) latest.current.onChange(masked.value);
    });
    masked.value = latest.current.value;
    const saveSelection = () => masked._saveSelection();
    // Focus selects the whole value (as Tab does natively), so typing or pasting a new value replaces it.
    const selectAll = () => {
      el.select();
      masked._saveSelection();
    };
    el.addEventListener('select', saveSelection);
    el.addEventListener('selectionchange', saveSelection);
    el.addEventListener('focus', selectAll);
    maskRef.current = masked;
    return () => {
      el.removeEventListener('select', saveSelection);
      el.removeEventListener('selectionchange', saveSelection);
      el.removeEventListener('focus', selectAll);
      masked.destroy();
      maskRef.current = null;
    };
  }, [mask]);

  // The form changed the value (reset, prefill): show it through the mask.
  useEffect(() => {
    const masked = maskRef.current;
    if (masked && masked.value !== value) masked.value = value;
  }, [value]);

  return <InputBase ref={inputRef} defaultValue={value} {...rest} />;
}
