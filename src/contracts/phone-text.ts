/** +79123456789 → +7 912 345-67-89 (no Zod here: the web's first page imports it). */
export function formatPhone(phone: string): string {
  const d = phone.replace(/\D/g, '').slice(-10);
  return `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
}
