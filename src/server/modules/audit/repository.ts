import type { DbOrTx } from '../../adapters/db/database';
import { auditLog } from '../../adapters/db/schema';

/** One audit_log row as written: `actorId` is null for the system and guests, `details` is free JSON. */
export type AuditRow = {
  actorType: 'borrower' | 'specialist' | 'system' | 'anonymous';
  actorId: string | null;
  action: string;
  subjectId: string | null;
  ip: string | null;
  userAgent?: string | null;
  details: Record<string, unknown>;
};

/**
 * The INSERT of one audit_log row, built but not run: await it, or hand it to a statement that runs it along
 * (PendingWrite, see writeAlong in database.ts).
 */
export const auditRowInsert = (db: DbOrTx, row: AuditRow) => db.insert(auditLog).values(row);

/** Appends one row to audit_log (append-only: there is no update or delete). */
export async function insertAuditRow(db: DbOrTx, row: AuditRow): Promise<void> {
  await auditRowInsert(db, row);
}
