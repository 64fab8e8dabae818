import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { addDays, type IsoDate } from '../../../domain/calendar';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers, smsLog } from '../../adapters/db/schema';
import type { NOTIFICATION_KINDS } from '../../adapters/db/schema-servicing';
import { notificationPreferences, notifications } from '../../adapters/db/schema-servicing';

/** The kind of an in-account message (and of its SMS). */
export type MessageKind = (typeof NOTIFICATION_KINDS)[number];

/** A message about to be added: who, which loan, what; its SMS queued or switched off by the borrower. */
export type NewMessage = {
  borrowerId: string;
  loanId: string | null;
  kind: MessageKind;
  text: string;
  dedupeKey: string;
  smsStatus: 'queued' | 'opted_out';
  notBefore: Date;
  createdAt: Date;
};

/** The SMS kinds a borrower has switched off. */
export async function findSmsOptOut(db: DbOrTx, borrowerId: string): Promise<string[]> {
  const [prefs] = await db
    .select({ optOut: notificationPreferences.smsOptOut })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.borrowerId, borrowerId));
  return prefs?.optOut ?? [];
}

/** Stores the switched-off kinds, and marks already queued messages of those kinds as not to be sent. */
export async function saveSmsOptOut(
  db: DbOrTx,
  borrowerId: string,
  optOut: string[],
  now: Date,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ borrowerId, smsOptOut: optOut, updatedAt: now })
    .onConflictDoUpdate({
      target: notificationPreferences.borrowerId,
      set: { smsOptOut: optOut, updatedAt: now },
    });
  if (optOut.length > 0)
    await db
      .update(notifications)
      .set({ smsStatus: 'opted_out' })
      .where(
        and(
          eq(notifications.borrowerId, borrowerId),
          eq(notifications.smsStatus, 'queued'),
          inArray(notifications.kind, optOut as MessageKind[]),
        ),
      );
}

/**
 * Adds a message unless its `dedupeKey` is taken. A queued message's SMS becomes a job in the same statement
 * (the `notifications_enqueue_sms` trigger, migration 0005).
 */
export async function insertMessage(db: DbOrTx, message: NewMessage): Promise<void> {
  await db.insert(notifications).values(message).onConflictDoNothing({ target: notifications.dedupeKey });
}

/** One message with the borrower's current phone, or undefined. */
export async function findMessageForSms(db: DbOrTx, notificationId: string) {
  const [row] = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      text: notifications.text,
      borrowerId: notifications.borrowerId,
      smsStatus: notifications.smsStatus,
      phone: borrowers.phone,
    })
    .from(notifications)
    .innerJoin(borrowers, eq(borrowers.id, notifications.borrowerId))
    .where(eq(notifications.id, notificationId));
  return row;
}

/**
 * When the borrower's overdue notices were sent since `since`, by SMS or Telegram alike (230-FZ art. 7 limits
 * messages by any telecommunication channel).
 */
export async function overdueSmsSentSince(db: DbOrTx, borrowerId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .select({ at: notifications.sentAt })
    .from(notifications)
    .where(
      and(
        eq(notifications.borrowerId, borrowerId),
        eq(notifications.kind, 'overdue'),
        eq(notifications.smsStatus, 'sent'),
        gte(notifications.sentAt, since),
      ),
    );
  return rows.flatMap((r) => (r.at ? [r.at] : []));
}

/** Records what became of a message's SMS. */
export async function updateMessageSms(
  db: DbOrTx,
  notificationId: string,
  change:
    | { smsStatus: 'sent'; sentAt: Date; channel: 'sms' | 'telegram' }
    | { smsStatus: 'suppressed' }
    | { notBefore: Date },
): Promise<void> {
  await db.update(notifications).set(change).where(eq(notifications.id, notificationId));
}

/** The borrower's newest 100 messages, and how many of them are unread. */
export async function listBorrowerMessages(db: DbOrTx, borrowerId: string) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.borrowerId, borrowerId))
    .orderBy(sql`${notifications.createdAt} desc`)
    .limit(100);
}

/** Marks every unread message of the borrower as read at `now`. */
export async function markAllRead(db: DbOrTx, borrowerId: string, now: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.borrowerId, borrowerId), sql`${notifications.readAt} is null`));
}

/** The borrower's current phone, or undefined for an unknown id. */
export async function findBorrowerPhone(db: DbOrTx, borrowerId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ phone: borrowers.phone })
    .from(borrowers)
    .where(eq(borrowers.id, borrowerId));
  return row?.phone;
}

/** Logs one SMS attempt without its text (codes must not rest in the database), at `createdAt` (the app's clock). */
export async function logSms(
  db: DbOrTx,
  entry: { phone: string; kind: string; provider: string; createdAt: Date } & (
    { status: 'sent'; providerMessageId: string | null } | { status: 'failed'; error: string }
  ),
): Promise<void> {
  await db.insert(smsLog).values(entry);
}

/**
 * After the close of business date D (run in the small hours of D + 1): reminders for payments due on D + 1
 * («сегодня»), D + 2 («завтра») and D + 4 («через 3 дня»), and a notice to every loan overdue on its 1st, 3rd,
 * 7th day and then weekly, each at `hour` local time of D + 1. Set-based; the dedupe key makes a rerun add nothing.
 * Each message is stamped `now` (the app's clock, which the demo moves), never the database's now().
 */
export async function insertDueReminders(
  db: DbOrTx,
  options: { date: IsoDate; timeZone: string; hour: number; now: Date },
): Promise<void> {
  const today = addDays(options.date, 1);
  const sendAt = sql`(${today}::date + make_interval(hours => ${options.hour}))::timestamp AT TIME ZONE ${options.timeZone}`;
  await db.execute(sql`
    INSERT INTO notifications (borrower_id, loan_id, kind, text, dedupe_key, sms_status, not_before, created_at)
    SELECT l.borrower_id, l.id, r.kind,
           CASE r.kind
             WHEN 'due_today' THEN 'Сегодня, ' || to_char(i.due_date, 'DD.MM.YYYY') || ', день платежа по договору № '
             WHEN 'due_tomorrow' THEN 'Завтра, ' || to_char(i.due_date, 'DD.MM.YYYY') || ', день платежа по договору № '
             ELSE 'Через 3 дня, ' || to_char(i.due_date, 'DD.MM.YYYY') || ', день платежа по договору № '
           END || c.number || ': ' || format_rub(i.total) || '. Оплатить можно в личном кабинете.',
           r.kind || ':' || l.id || ':' || i.due_date,
           CASE WHEN coalesce(p.sms_opt_out, '[]'::jsonb) ? r.kind THEN 'opted_out' ELSE 'queued' END,
           ${sendAt}, ${options.now.toISOString()}::timestamptz
      FROM loans l
      JOIN contracts c ON c.id = l.contract_id
      JOIN loan_instalments i ON i.loan_id = l.id AND i.version = l.schedule_version
      JOIN (VALUES ('due_today', 0), ('due_tomorrow', 1), ('due_in_3_days', 3)) AS r(kind, ahead)
        ON i.due_date = ${today}::date + r.ahead
      LEFT JOIN notification_preferences p ON p.borrower_id = l.borrower_id
     WHERE l.status IN ('active', 'overdue')
    ON CONFLICT (dedupe_key) DO NOTHING`);
  await db.execute(sql`
    INSERT INTO notifications (borrower_id, loan_id, kind, text, dedupe_key, sms_status, not_before, created_at)
    SELECT l.borrower_id, l.id, 'overdue',
           'Платёж по договору № ' || c.number || ' просрочен: ' || format_rub(b.principal_overdue + b.interest_overdue + b.penalty)
             || '. Оплатите в личном кабинете, чтобы не начислялась неустойка. Если трудно платить — напишите нам.',
           'overdue:' || l.id || ':' || ${today},
           'queued',
           ${sendAt}, ${options.now.toISOString()}::timestamptz
      FROM loans l
      JOIN contracts c ON c.id = l.contract_id
      JOIN loan_balances_current b ON b.loan_id = l.id
     WHERE l.status = 'overdue'
       AND ((${today}::date - l.overdue_since) IN (1, 3, 7)
            OR ((${today}::date - l.overdue_since) >= 14 AND (${today}::date - l.overdue_since) % 7 = 0))
    ON CONFLICT (dedupe_key) DO NOTHING`);
}
