import type { Me } from '../../contracts';
import { formatPhone } from '../../contracts/phone-text';
import { dateInZone } from '../../domain/calendar';

/** Instants are shown in Moscow time, as the contracts and the SMS texts are. */
export const TIME_ZONE = 'Europe/Moscow';

const dateFormat = new Intl.DateTimeFormat('ru-RU', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat('ru-RU', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export { formatPhone };

/** Today's calendar date in Moscow, YYYY-MM-DD: the «today» of the date rules. */
export const todayIso = (): string => dateInZone(new Date(), TIME_ZONE);

/** A calendar date YYYY-MM-DD → ДД.ММ.ГГГГ (no time zone involved). */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** An instant (ISO date-time) → ДД.ММ.ГГГГ in Moscow. */
export const formatInstantDate = (instant: string): string => dateFormat.format(new Date(instant));

/** An instant (ISO date-time) → ДД.ММ.ГГГГ, ЧЧ:ММ in Moscow. */
export const formatInstant = (instant: string): string => dateTimeFormat.format(new Date(instant));

/** ДД.ММ.ГГГГ as typed → YYYY-MM-DD; anything incomplete comes back unchanged, for the schema to reject. */
export function displayDateToIso(display: string): string {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(display.trim());
  return match ? `${match[3]}-${match[2]}-${match[1]}` : display.trim();
}

/** +79123456789 → +7 (912) 345-67-89, the way the phone field's mask writes it. */
export function phoneToMaskValue(phone: string | undefined): string {
  const d = (phone ?? '').replace(/\D/g, '').slice(-10);
  if (d.length !== 10) return '';
  return `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
}

export const formatSex = (sex: Me['sex']): string => (sex === 'male' ? 'Мужской' : 'Женский');

export function formatFullName(me: Pick<Me, 'surname' | 'name' | 'patronymic'>): string {
  return [me.surname, me.name, me.patronymic].filter(Boolean).join(' ');
}

/** 75 → «1:15», 3725 → «1:02:05»: a countdown without Russian plural forms. */
export function formatCountdown(totalSec: number): string {
  const sec = Math.max(0, Math.ceil(totalSec));
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = String(sec % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
