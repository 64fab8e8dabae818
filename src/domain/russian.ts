/**
 * Russian plural forms: plural(1, ['день', 'дня', 'дней']) → 'день', 3 → 'дня', 11 → 'дней', 21 → 'день'.
 */
export function plural(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  if (abs >= 11 && abs <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

export const DAYS = ['день', 'дня', 'дней'] as const;
export const WEEKS = ['неделя', 'недели', 'недель'] as const;

/** «30 дней», «12 недель». */
export const termText = (term: number, unit: 'days' | 'weeks') =>
  `${term} ${plural(term, unit === 'days' ? DAYS : WEEKS)}`;
