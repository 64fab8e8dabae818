import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { auditLog } from '../../adapters/db/schema';
import { loans } from '../../adapters/db/schema-loans';
import { notifications, payments } from '../../adapters/db/schema-servicing';

export type AuditEventRow = typeof auditLog.$inferSelect;

/**
 * The audit rows of the borrower's own account among `actions`, newest first, at most `limit`: what they did
 * themself (actor), failed sign-ins to their account (`auth.sign-in-failed`, subject = the borrower), and the
 * system's acts on their payments and loans (subject = a payment or loan of theirs). Nothing of another person.
 */
export function listAccountEvents(
  db: DbOrTx,
  { borrowerId, actions, limit }: { borrowerId: string; actions: readonly string[]; limit: number },
): Promise<AuditEventRow[]> {
  if (actions.length === 0) return Promise.resolve([]);
  const ownPayments = db
    .select({ id: payments.id })
    .from(payments)
    .where(eq(payments.borrowerId, borrowerId));
  const ownLoans = db.select({ id: loans.id }).from(loans).where(eq(loans.borrowerId, borrowerId));
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        inArray(auditLog.action, [...actions]),
        or(
          and(eq(auditLog.actorType, 'borrower'), eq(auditLog.actorId, borrowerId)),
          and(eq(auditLog.action, 'auth.sign-in-failed'), eq(auditLog.subjectId, borrowerId)),
          and(eq(auditLog.actorType, 'system'), inArray(auditLog.subjectId, ownPayments)),
          and(eq(auditLog.actorType, 'system'), inArray(auditLog.subjectId, ownLoans)),
        ),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

/**
 * The borrower's in-account messages (each also an SMS — or a Telegram message — unless switched off), newest
 * first, at most `limit`.
 */
export function listSentMessages(db: DbOrTx, { borrowerId, limit }: { borrowerId: string; limit: number }) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      text: notifications.text,
      smsStatus: notifications.smsStatus,
      channel: notifications.channel,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.borrowerId, borrowerId))
    .orderBy(desc(notifications.createdAt), sql`${notifications.id} desc`)
    .limit(limit);
}

/** A successful sign-in to the borrower's account by id; undefined for anything else or anyone else's. */
export async function findOwnSignIn(db: DbOrTx, borrowerId: string, eventId: string) {
  const [row] = await db
    .select({ id: auditLog.id, at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.id, eventId),
        eq(auditLog.action, 'auth.signed-in'),
        eq(auditLog.actorType, 'borrower'),
        eq(auditLog.actorId, borrowerId),
      ),
    );
  return row;
}
