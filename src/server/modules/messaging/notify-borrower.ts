import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { OPTIONAL_NOTIFICATION_KINDS } from '../../../contracts/servicing';
import { addDays, type IsoDate } from '../../../domain/calendar';
import { collectionMessageDecision } from '../../../domain/collections';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers } from '../../adapters/db/schema';
import type { NOTIFICATION_KINDS } from '../../adapters/db/schema-servicing';
import { notificationPreferences, notifications } from '../../adapters/db/schema-servicing';
import type { Deps } from '../../deps';
import { runPeriodically } from '../../jobs/run-periodically';
import { sendSms } from './send-sms';

export type MessageKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * An informational SMS (a decision, a status). A failed gateway must not undo what already happened, so the
 * failure is logged (by sendSms) and swallowed; the account shows the same news.
 */
export async function notifyBorrower(deps: Deps, phone: string, kind: string, text: string): Promise<void> {
  await sendSms(deps, phone, kind, text).catch(() => undefined);
}

const isOptional = (kind: MessageKind) => (OPTIONAL_NOTIFICATION_KINDS as readonly string[]).includes(kind);

/**
 * A message about a loan: always shown in the account; an SMS is queued unless the borrower switched this kind
 * off (only optional kinds can be). `dedupeKey` makes a repeated event (a webhook ten times, a rerun of the
 * close) produce one message. Runs inside the caller's transaction, so the message exists exactly when the
 * event does; the SMS goes out later (dispatchMessages), within the hours the law allows for overdue debt.
 */
export async function postMessage(
  db: DbOrTx,
  message: {
    borrowerId: string;
    loanId: string | null;
    kind: MessageKind;
    text: string;
    dedupeKey: string;
    now: Date;
  },
): Promise<void> {
  const [prefs] = await db
    .select({ optOut: notificationPreferences.smsOptOut })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.borrowerId, message.borrowerId));
  const optedOut = isOptional(message.kind) && (prefs?.optOut ?? []).includes(message.kind);
  await db
    .insert(notifications)
    .values({
      borrowerId: message.borrowerId,
      loanId: message.loanId,
      kind: message.kind,
      text: message.text,
      dedupeKey: message.dedupeKey,
      smsStatus: optedOut ? 'opted_out' : 'queued',
      notBefore: message.now,
      createdAt: message.now,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey });
}

/** The hour (local) reminders of the nightly close go out at, not in the middle of the night. */
const REMINDER_HOUR = 10;

/**
 * After the close of business date D (run in the small hours of D + 1): reminders for payments due on D + 1
 * («сегодня»), D + 2 («завтра») and D + 4 («через 3 дня»), and a notice to every loan overdue on its 1st, 3rd,
 * 7th day and then weekly. One statement; the dedupe key makes a rerun add nothing.
 */
export async function queueDueReminders(db: DbOrTx, date: IsoDate, timeZone: string): Promise<void> {
  const today = addDays(date, 1);
  await db.execute(sql`
    INSERT INTO notifications (borrower_id, loan_id, kind, text, dedupe_key, sms_status, not_before)
    SELECT l.borrower_id, l.id, r.kind,
           CASE r.kind
             WHEN 'due_today' THEN 'Сегодня, ' || to_char(i.due_date, 'DD.MM.YYYY') || ', день платежа по договору № '
             WHEN 'due_tomorrow' THEN 'Завтра, ' || to_char(i.due_date, 'DD.MM.YYYY') || ', день платежа по договору № '
             ELSE 'Через 3 дня, ' || to_char(i.due_date, 'DD.MM.YYYY') || ', день платежа по договору № '
           END || c.number || ': ' || format_rub(i.total) || '. Оплатить можно в личном кабинете.',
           r.kind || ':' || l.id || ':' || i.due_date,
           CASE WHEN coalesce(p.sms_opt_out, '[]'::jsonb) ? r.kind THEN 'opted_out' ELSE 'queued' END,
           (${today}::date + make_interval(hours => ${REMINDER_HOUR}))::timestamp AT TIME ZONE ${timeZone}
      FROM loans l
      JOIN contracts c ON c.id = l.contract_id
      JOIN loan_instalments i ON i.loan_id = l.id AND i.version = l.schedule_version
      JOIN (VALUES ('due_today', 0), ('due_tomorrow', 1), ('due_in_3_days', 3)) AS r(kind, ahead)
        ON i.due_date = ${today}::date + r.ahead
      LEFT JOIN notification_preferences p ON p.borrower_id = l.borrower_id
     WHERE l.status IN ('active', 'overdue')
    ON CONFLICT (dedupe_key) DO NOTHING`);
  await db.execute(sql`
    INSERT INTO notifications (borrower_id, loan_id, kind, text, dedupe_key, sms_status, not_before)
    SELECT l.borrower_id, l.id, 'overdue',
           'Платёж по договору № ' || c.number || ' просрочен: ' || format_rub(b.principal_overdue + b.interest_overdue + b.penalty)
             || '. Оплатите в личном кабинете, чтобы не начислялась неустойка. Если трудно платить — напишите нам.',
           'overdue:' || l.id || ':' || ${today},
           'queued',
           (${today}::date + make_interval(hours => ${REMINDER_HOUR}))::timestamp AT TIME ZONE ${timeZone}
      FROM loans l
      JOIN contracts c ON c.id = l.contract_id
      JOIN loan_balances b ON b.loan_id = l.id
     WHERE l.status = 'overdue'
       AND ((${today}::date - l.overdue_since) IN (1, 3, 7)
            OR ((${today}::date - l.overdue_since) >= 14 AND (${today}::date - l.overdue_since) % 7 = 0))
    ON CONFLICT (dedupe_key) DO NOTHING`);
}

/** How long a claimed message is held by the worker that claimed it (a crashed worker's messages come back). */
const CLAIM_MS = 5 * 60_000;

/**
 * Sends the queued SMS whose time has come. A short transaction claims them (SKIP LOCKED, then their time is
 * moved a few minutes on, so no other worker takes them); the SMS go out after it, with no transaction held
 * open over the gateway. Overdue notices go only within the hours and limits of 230-FZ
 * (collectionMessageDecision): outside the hours a message waits for the next window, over a limit it is not
 * sent (it stays in the account). A gateway failure leaves the message queued for a later pass.
 */
export async function dispatchMessages(deps: Deps, limit = 50): Promise<number> {
  const now = deps.clock.now();
  const claimed = await deps.db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        text: notifications.text,
        borrowerId: notifications.borrowerId,
        phone: borrowers.phone,
      })
      .from(notifications)
      .innerJoin(borrowers, eq(borrowers.id, notifications.borrowerId))
      .where(and(eq(notifications.smsStatus, 'queued'), lte(notifications.notBefore, now)))
      .orderBy(asc(notifications.notBefore))
      .limit(limit)
      .for('update', { of: notifications, skipLocked: true });
    if (due.length > 0)
      await tx
        .update(notifications)
        .set({ notBefore: new Date(now.getTime() + CLAIM_MS) })
        .where(
          inArray(
            notifications.id,
            due.map((m) => m.id),
          ),
        );
    return due;
  });
  for (const message of claimed) {
    if (message.kind === 'overdue') {
      const sent = await deps.db
        .select({ at: notifications.sentAt })
        .from(notifications)
        .where(
          and(
            eq(notifications.borrowerId, message.borrowerId),
            eq(notifications.kind, 'overdue'),
            eq(notifications.smsStatus, 'sent'),
            gte(notifications.sentAt, new Date(now.getTime() - 31 * 86_400_000)),
          ),
        );
      const decision = collectionMessageDecision(
        now,
        sent.map((s) => s.at!),
        deps.config.timeZone,
      );
      if (!decision.send) {
        await deps.db
          .update(notifications)
          .set(decision.reason === 'limit' ? { smsStatus: 'suppressed' } : { notBefore: decision.retryAt })
          .where(eq(notifications.id, message.id));
        continue;
      }
    }
    const ok = await sendSms(deps, message.phone, message.kind, message.text).then(
      () => true,
      () => false,
    );
    await deps.db
      .update(notifications)
      .set(ok ? { smsStatus: 'sent', sentAt: now } : { notBefore: now })
      .where(eq(notifications.id, message.id));
  }
  return claimed.length;
}

export async function listMessages(db: DbOrTx, borrowerId: string) {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.borrowerId, borrowerId))
    .orderBy(sql`${notifications.createdAt} desc`)
    .limit(100);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    unread: rows.filter((r) => r.readAt === null).length,
  };
}

export async function markMessagesRead(db: DbOrTx, borrowerId: string, now: Date) {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.borrowerId, borrowerId), sql`${notifications.readAt} is null`));
}

export async function getMessageSettings(db: DbOrTx, borrowerId: string) {
  const [prefs] = await db
    .select({ optOut: notificationPreferences.smsOptOut })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.borrowerId, borrowerId));
  const optOut = prefs?.optOut ?? [];
  return {
    sms: Object.fromEntries(OPTIONAL_NOTIFICATION_KINDS.map((k) => [k, !optOut.includes(k)])) as Record<
      (typeof OPTIONAL_NOTIFICATION_KINDS)[number],
      boolean
    >,
  };
}

export async function saveMessageSettings(
  db: DbOrTx,
  borrowerId: string,
  sms: Record<string, boolean>,
  now: Date,
) {
  const optOut = OPTIONAL_NOTIFICATION_KINDS.filter((k) => sms[k] === false);
  await db
    .insert(notificationPreferences)
    .values({ borrowerId, smsOptOut: optOut, updatedAt: now })
    .onConflictDoUpdate({
      target: notificationPreferences.borrowerId,
      set: { smsOptOut: optOut, updatedAt: now },
    });
  // Already queued optional messages of a kind switched off are not sent either.
  if (optOut.length > 0)
    await db
      .update(notifications)
      .set({ smsStatus: 'opted_out' })
      .where(
        and(
          eq(notifications.borrowerId, borrowerId),
          eq(notifications.smsStatus, 'queued'),
          inArray(notifications.kind, optOut),
        ),
      );
  return getMessageSettings(db, borrowerId);
}

/** Sends due SMS every `intervalMs` until stopped. */
export function startMessageWorker(deps: Deps, intervalMs = 5_000): () => Promise<void> {
  return runPeriodically(deps, 'message worker', () => dispatchMessages(deps), intervalMs);
}
