import type { ActivityCategory, ActivityItem } from '../../../contracts';
import { formatRub } from '../../../domain/money';
import type { Deps } from '../../deps';
import { describeDevice } from '../identity/views';
import { listAccountEvents, listSentMessages, type AuditEventRow } from './activity-repository';

/** How many events a page shows. */
export const ACTIVITY_PAGE_SIZE = 20;

type Describe = (details: Record<string, unknown>) => { title: string; detail?: string | null };

const text = (v: unknown) => (typeof v === 'string' ? v : null);
const amount = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? formatRub(BigInt(v)) : null);

const OUTCOMES: Record<string, string> = {
  approved: 'одобрена',
  refused: 'отказано',
  manual_review: 'на проверке у специалиста',
};
const METHODS: Record<string, string> = { password: 'по паролю', esia: 'через Госуслуги', tid: 'через T-ID' };

/**
 * The audit actions the borrower sees, by category, with the Russian title of each. Anything else in the audit
 * log (back-office reads, technical events) is never shown here.
 */
const CATALOGUE: Record<string, { category: ActivityCategory; describe: Describe }> = {
  'auth.signed-in': { category: 'sign-ins', describe: () => ({ title: 'Вход в личный кабинет' }) },
  'auth.sign-in-failed': {
    category: 'sign-ins',
    describe: () => ({ title: 'Неудачная попытка входа', detail: 'Неверный пароль' }),
  },
  'auth.session-ended': { category: 'sign-ins', describe: () => ({ title: 'Сеанс завершён' }) },
  'auth.other-sessions-ended': {
    category: 'sign-ins',
    describe: () => ({ title: 'Другие сеансы завершены' }),
  },
  'auth.not-me-reported': {
    category: 'sign-ins',
    describe: () => ({ title: '«Это был не я»: все сеансы завершены' }),
  },
  'borrower.registered': { category: 'data', describe: () => ({ title: 'Регистрация в личном кабинете' }) },
  'auth.password-recovered': { category: 'data', describe: () => ({ title: 'Пароль изменён' }) },
  'borrower.passport-changed': {
    category: 'data',
    describe: () => ({ title: 'Паспортные данные изменены' }),
  },
  'profile.address-changed': {
    category: 'data',
    describe: (d) => ({
      title: d.kind === 'actual' ? 'Фактический адрес изменён' : 'Адрес регистрации изменён',
      detail: d.removed ? 'Совпадает с адресом регистрации' : null,
    }),
  },
  'profile.place-of-birth-changed': {
    category: 'data',
    describe: () => ({ title: 'Место рождения изменено' }),
  },
  'profile.employment-changed': {
    category: 'data',
    describe: () => ({ title: 'Занятость и доход изменены' }),
  },
  'profile.identifiers-changed': { category: 'data', describe: () => ({ title: 'СНИЛС или ИНН изменены' }) },
  'profile.email-changed': {
    category: 'data',
    describe: () => ({ title: 'Электронная почта подтверждена' }),
  },
  'loan.application-decided': {
    category: 'loans',
    describe: (d) => ({
      title: 'Заявка на заём рассмотрена',
      detail: text(d.outcome) ? `Решение: ${OUTCOMES[text(d.outcome)!] ?? text(d.outcome)}` : null,
    }),
  },
  'loan.application-cancelled': { category: 'loans', describe: () => ({ title: 'Заявка отменена' }) },
  'loan.contract-signed': {
    category: 'loans',
    describe: (d) => ({
      title: 'Договор займа подписан кодом из СМС',
      detail: text(d.number) && `№ ${text(d.number)}`,
    }),
  },
  'prolongation.signed': {
    category: 'loans',
    describe: (d) => ({
      title: 'Дополнительное соглашение подписано кодом из СМС',
      detail: text(d.number) && `№ ${text(d.number)}`,
    }),
  },
  'loan.paid-out': { category: 'payments', describe: () => ({ title: 'Деньги по займу отправлены' }) },
  'loan.payout-failed': { category: 'payments', describe: () => ({ title: 'Выплата не прошла' }) },
  'payment.credited': {
    category: 'payments',
    describe: (d) => ({ title: 'Платёж зачислен', detail: amount(d.amount) }),
  },
  'overpayment.refund': { category: 'payments', describe: () => ({ title: 'Возврат переплаты' }) },
  'telegram.linked': {
    category: 'messages',
    describe: () => ({ title: 'Уведомления в Telegram подключены', detail: 'Подтверждено кодом от бота' }),
  },
  'telegram.unlinked': {
    category: 'messages',
    describe: () => ({ title: 'Уведомления в Telegram отключены' }),
  },
};

const actionsOf = (category: ActivityCategory | null | undefined) =>
  Object.entries(CATALOGUE)
    .filter(([, e]) => !category || e.category === category)
    .map(([action]) => action);

function toItem(row: AuditEventRow): ActivityItem {
  const entry = CATALOGUE[row.action]!;
  const { title, detail = null } = entry.describe(row.details);
  const signIn = row.action === 'auth.signed-in' || row.action === 'auth.sign-in-failed';
  return {
    id: row.id,
    at: row.at.toISOString(),
    category: entry.category,
    kind: row.action,
    title,
    detail: detail || null,
    device: row.userAgent || signIn ? describeDevice(row.userAgent) : null,
    ip: row.actorType === 'system' ? null : row.ip,
    method:
      row.action === 'auth.signed-in' ? (METHODS[text(row.details.method) ?? 'password'] ?? null) : null,
    canReport: row.action === 'auth.signed-in',
  };
}

/**
 * The borrower's activity log, newest first, `ACTIVITY_PAGE_SIZE` a page, optionally one category: sign-ins
 * (time, device, IP, method) and failed ones, password and data changes, applications and decisions, signatures,
 * payouts and payments (from the audit log), and the messages sent to them (in-account messages with their SMS).
 * Pages are cut from the two sources merged by time.
 */
export async function listActivity(
  deps: Deps,
  { borrowerId, page, category }: { borrowerId: string; page: number; category?: ActivityCategory | null },
) {
  const limit = page * ACTIVITY_PAGE_SIZE + 1;
  const [events, messages] = await Promise.all([
    listAccountEvents(deps.db, { borrowerId, actions: actionsOf(category), limit }),
    !category || category === 'messages'
      ? listSentMessages(deps.db, { borrowerId, limit })
      : Promise.resolve([]),
  ]);
  const merged: ActivityItem[] = [
    ...events.map(toItem),
    ...messages.map((m): ActivityItem => ({
      id: m.id,
      at: m.createdAt.toISOString(),
      category: 'messages',
      kind: 'message',
      title:
        m.smsStatus !== 'sent'
          ? 'Сообщение в кабинете'
          : m.channel === 'telegram'
            ? 'Сообщение в кабинете и в Telegram'
            : 'Сообщение в кабинете и СМС',
      detail: m.text,
      device: null,
      ip: null,
      method: null,
      canReport: false,
    })),
  ].sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : a.at < b.at ? 1 : -1));
  const start = (page - 1) * ACTIVITY_PAGE_SIZE;
  return {
    items: merged.slice(start, start + ACTIVITY_PAGE_SIZE),
    page,
    pageSize: ACTIVITY_PAGE_SIZE,
    hasMore: merged.length > start + ACTIVITY_PAGE_SIZE,
  };
}
