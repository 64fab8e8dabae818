import type { DbOrTx } from '../../adapters/db/database';
import { auditLog } from '../../adapters/db/schema';
import type { RequestMeta } from '../../deps';

type AuditEntry = {
  actorType: 'borrower' | 'specialist' | 'system' | 'anonymous';
  actorId?: string | null;
  action: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
};

/** Appends to the audit log, in the caller's transaction so the record and the act commit together. */
export async function audit(db: DbOrTx, meta: RequestMeta | null, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    action: entry.action,
    subjectId: entry.subjectId ?? null,
    ip: meta?.ip ?? null,
    details: entry.details ?? {},
  });
}
