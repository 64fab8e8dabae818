/** The three Russian plural forms: for 1 (день), for 2–4 (дня), for 5–20 and 0 (дней). */
export type PluralForms = readonly [one: string, few: string, many: string];

/**
 * The form of a word that goes with the whole number `n`: plural(1, DAYS) → «день», 3 → «дня», 11 → «дней»,
 * 21 → «день», 112 → «дней». The last two digits decide: 11–14 always take the third form.
 */
export function plural(n: number, forms: PluralForms): string {
  const lastTwo = Math.abs(Math.trunc(n)) % 100;
  const last = lastTwo % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

export const DAYS: PluralForms = ['день', 'дня', 'дней'];
export const WEEKS: PluralForms = ['неделя', 'недели', 'недель'];
export const PAYMENTS: PluralForms = ['платёж', 'платежа', 'платежей'];

/** «30 дней», «1 неделя», «12 недель». */
export const termText = (term: number, unit: 'days' | 'weeks'): string =>
  `${term}\u00a0${plural(term, unit === 'days' ? DAYS : WEEKS)}`;

/** A calendar date as Russians write it: 2026-12-24 → 24.12.2026. */
export const formatRuDate = (date: string): string => date.split('-').reverse().join('.');
