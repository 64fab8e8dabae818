import type { BorrowerActor, GuestActor, StaffActor } from '../../actor';
import type { DbOrTx } from '../../adapters/db/database';
import type { RequestMeta } from '../../deps';
import { auditRowInsert, insertAuditRow, type AuditRow } from './repository';

/**
 * Who acted. A guest is someone not signed in (a failed sign-in); staff are back-office users of any role.
 * Stored in audit_log as actor_type + actor_id: borrower → 'borrower' + borrowerId, staff → 'specialist' +
 * staffId (a uuid), system → 'system', guest → 'anonymous' (no id).
 */
export type AuditActor =
  | Pick<BorrowerActor, 'kind' | 'borrowerId'>
  | Pick<StaffActor, 'kind' | 'staffId'>
  | GuestActor
  | { kind: 'system' };

/** One audit record: `action` is a dotted name ('auth.signed-in'); `subjectId` the row acted on, if any. */
export type AuditEntry = {
  actor: AuditActor;
  action: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
  /** The request behind the act; null for background work (its ip is then null). */
  meta?: RequestMeta | null;
};

function actorColumns(actor: AuditActor): Pick<AuditRow, 'actorType' | 'actorId'> {
  switch (actor.kind) {
    case 'borrower':
      return { actorType: 'borrower', actorId: actor.borrowerId };
    case 'staff':
      return { actorType: 'specialist', actorId: actor.staffId };
    case 'system':
      return { actorType: 'system', actorId: null };
    case 'guest':
      return { actorType: 'anonymous', actorId: null };
  }
}

const rowOf = (entry: AuditEntry): AuditRow => ({
  ...actorColumns(entry.actor),
  action: entry.action,
  subjectId: entry.subjectId ?? null,
  ip: entry.meta?.ip ?? null,
  userAgent: entry.meta?.userAgent ?? null,
  details: entry.details ?? {},
});

/** Appends to the audit log, in the caller's transaction (pass `tx`) so the record and the act commit together. */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await insertAuditRow(db, rowOf(entry));
}

/**
 * The audit record of `entry` as a write not yet run (PendingWrite): the statement of the act it records runs it
 * along (writeAlong in database.ts), so both commit together in one round trip.
 */
export const auditWrite = (db: DbOrTx, entry: AuditEntry) => auditRowInsert(db, rowOf(entry));
