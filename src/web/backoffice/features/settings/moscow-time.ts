/** Moscow is UTC+3 all year (since 2014): the back office enters and shows instants in Moscow time. */
const MOSCOW_OFFSET = '+03:00';

/** 'YYYY-MM-DDTHH:mm' typed in Moscow time → an ISO instant with its offset; '' → null. */
export const moscowInputToIso = (value: string): string | null =>
  value ? `${value.slice(0, 16)}:00${MOSCOW_OFFSET}` : null;

/** An ISO instant → 'YYYY-MM-DDTHH:mm' in Moscow time (for a datetime-local input); null → ''. */
export function isoToMoscowInput(iso: string | null): string {
  if (!iso) return '';
  const moscow = new Date(new Date(iso).getTime() + 3 * 3_600_000);
  return moscow.toISOString().slice(0, 16);
}
