import { parseKopecks } from '../../../domain/money';

/**
 * What the borrower typed in a rubles field, as the API takes it: a decimal string of kopecks. Spaces group
 * the thousands, a comma or a dot separates the kopecks (at most two digits), a trailing «₽» is allowed.
 * A number (what a NumberInput hands over) is read the same way.
 */
export type RublesParse = { ok: true; kopecks: string } | { ok: false; error: string };

/** The largest amount a rubles field takes: far beyond any loan, well inside the wire format. */
const MAX_RUBLE_DIGITS = 12;

export function parseRublesInput(value: string | number): RublesParse {
  const text =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? String(value)
        : ''
      : value.replace(/[\s\u00a0\u202f]/g, '').replace(/₽$/, '');
  if (text === '') return { ok: false, error: 'Укажите сумму' };
  if (text.startsWith('-')) return { ok: false, error: 'Сумма должна быть больше нуля' };
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === ''))
    return { ok: false, error: 'Укажите сумму цифрами, например 5 000 или 5 000,50' };
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, error: 'Копеек — не больше двух знаков после запятой' };
  if (whole.length > MAX_RUBLE_DIGITS) return { ok: false, error: 'Слишком большая сумма' };
  const kopecks = BigInt(whole === '' ? '0' : whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (kopecks === 0n) return { ok: false, error: 'Сумма должна быть больше нуля' };
  return { ok: true, kopecks: kopecks.toString() };
}

/** `a > 0` for wire amounts. */
export const isPositive = (kopecks: string): boolean => parseKopecks(kopecks) > 0n;
