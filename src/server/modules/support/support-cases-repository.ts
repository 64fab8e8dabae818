import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers } from '../../adapters/db/schema';
import {
  phoneChangeCases,
  phoneHistory,
  relationshipEndLinks,
  relationshipEndRequests,
  type PHONE_CHANGE_STATUSES,
} from '../../adapters/db/schema-support-cases';

/** A phone change case as stored. */
export type PhoneChangeCaseRow = typeof phoneChangeCases.$inferSelect;
/** A request to end the relationship as stored. */
export type RelationshipEndRow = typeof relationshipEndRequests.$inferSelect;
type CaseStatus = (typeof PHONE_CHANGE_STATUSES)[number];

/** Opens a phone change case; returns it. */
export async function insertPhoneChangeCase(
  db: DbOrTx,
  values: typeof phoneChangeCases.$inferInsert,
): Promise<PhoneChangeCaseRow> {
  const [row] = await db.insert(phoneChangeCases).values(values).returning();
  return row!;
}

/** One case, or undefined. */
export async function findPhoneChangeCase(db: DbOrTx, id: string): Promise<PhoneChangeCaseRow | undefined> {
  const [row] = await db.select().from(phoneChangeCases).where(eq(phoneChangeCases.id, id));
  return row;
}

/** A borrower's cases, the newest first. */
export function listPhoneChangeCasesOf(db: DbOrTx, borrowerId: string): Promise<PhoneChangeCaseRow[]> {
  return db
    .select()
    .from(phoneChangeCases)
    .where(eq(phoneChangeCases.borrowerId, borrowerId))
    .orderBy(desc(phoneChangeCases.createdAt));
}

/** The borrower's case still in progress (open, checked or approved), if any. */
export async function findCaseInProgress(db: DbOrTx, borrowerId: string) {
  const [row] = await db
    .select()
    .from(phoneChangeCases)
    .where(
      and(
        eq(phoneChangeCases.borrowerId, borrowerId),
        inArray(phoneChangeCases.status, ['open', 'checked', 'approved']),
      ),
    );
  return row;
}

/** The approved case waiting for the code sent to `newPhone`, if any. */
export async function findApprovedCaseByNewPhone(db: DbOrTx, newPhone: string) {
  const [row] = await db
    .select()
    .from(phoneChangeCases)
    .where(and(eq(phoneChangeCases.newPhone, newPhone), eq(phoneChangeCases.status, 'approved')))
    .orderBy(desc(phoneChangeCases.decidedAt))
    .limit(1);
  return row;
}

/** Moves a case from one of `from` statuses with `values`; false when it was not in them (a concurrent change). */
export async function transitionCase(
  db: DbOrTx,
  id: string,
  from: CaseStatus[],
  values: Partial<typeof phoneChangeCases.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(phoneChangeCases)
    .set(values)
    .where(and(eq(phoneChangeCases.id, id), inArray(phoneChangeCases.status, from)))
    .returning({ id: phoneChangeCases.id });
  return rows.length === 1;
}

/** Replaces the account's phone, keeps the old one in the history and holds payouts until `holdUntil`. */
export async function replaceBorrowerPhone(
  db: DbOrTx,
  input: {
    borrowerId: string;
    oldPhone: string;
    newPhone: string;
    caseId: string;
    at: Date;
    holdUntil: Date;
  },
): Promise<void> {
  await db.insert(phoneHistory).values({
    borrowerId: input.borrowerId,
    phone: input.oldPhone,
    replacedAt: input.at,
    caseId: input.caseId,
  });
  await db
    .update(borrowers)
    .set({ phone: input.newPhone, payoutsHeldUntil: input.holdUntil })
    .where(eq(borrowers.id, input.borrowerId));
}

/** The numbers the borrower had before, the latest first. */
export function listPhoneHistory(db: DbOrTx, borrowerId: string) {
  return db
    .select({ phone: phoneHistory.phone, replacedAt: phoneHistory.replacedAt })
    .from(phoneHistory)
    .where(eq(phoneHistory.borrowerId, borrowerId))
    .orderBy(desc(phoneHistory.replacedAt));
}

/** The borrower with this passport hash (current passport), if any: its id, birth date and end of relationship. */
export async function findBorrowerByPassportHash(db: DbOrTx, passportHash: string) {
  const [row] = await db
    .select({ id: borrowers.id, birthDate: borrowers.birthDate, endedAt: borrowers.endedAt })
    .from(borrowers)
    .where(eq(borrowers.passportHash, passportHash));
  return row;
}

/** The borrower's open request to end the relationship, if any. */
export async function findOpenEndRequest(db: DbOrTx, borrowerId: string) {
  const [row] = await db
    .select()
    .from(relationshipEndRequests)
    .where(
      and(eq(relationshipEndRequests.borrowerId, borrowerId), eq(relationshipEndRequests.status, 'open')),
    );
  return row;
}

/** Files a request to end the relationship (from a conversation, by a specialist on the borrower's behalf). */
export async function insertEndRequest(
  db: DbOrTx,
  borrowerId: string,
  at: Date,
  from: { conversationId?: string | null; openedByStaffId?: string | null } = {},
): Promise<RelationshipEndRow> {
  const [row] = await db
    .insert(relationshipEndRequests)
    .values({
      borrowerId,
      createdAt: at,
      conversationId: from.conversationId ?? null,
      openedByStaffId: from.openedByStaffId ?? null,
    })
    .returning();
  return row!;
}

/** Links an open request filed elsewhere to the conversation where it was asked for again. */
export async function linkEndRequestToConversation(db: DbOrTx, requestId: string, conversationId: string) {
  await db
    .update(relationshipEndRequests)
    .set({ conversationId })
    .where(eq(relationshipEndRequests.id, requestId));
}

/** The latest request to end the relationship filed from this conversation, if any. */
export async function findEndRequestOfConversation(
  db: DbOrTx,
  conversationId: string,
): Promise<RelationshipEndRow | undefined> {
  const [row] = await db
    .select()
    .from(relationshipEndRequests)
    .where(eq(relationshipEndRequests.conversationId, conversationId))
    .orderBy(desc(relationshipEndRequests.createdAt))
    .limit(1);
  return row;
}

/** Stores a one-time download link of the confirmation PDF (the token's SHA-256 only). */
export async function insertEndLink(
  db: DbOrTx,
  values: { requestId: string; tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.insert(relationshipEndLinks).values(values);
}

/** The link with this token hash, if any. */
export async function findEndLink(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select()
    .from(relationshipEndLinks)
    .where(eq(relationshipEndLinks.tokenHash, tokenHash));
  return row;
}

/** Spends a link once: false when it was used meanwhile (a concurrent download). */
export async function spendEndLink(db: DbOrTx, id: string, at: Date, ip: string): Promise<boolean> {
  const rows = await db
    .update(relationshipEndLinks)
    .set({ usedAt: at, usedIp: ip })
    .where(and(eq(relationshipEndLinks.id, id), isNull(relationshipEndLinks.usedAt)))
    .returning({ id: relationshipEndLinks.id });
  return rows.length === 1;
}

/** One request, or undefined. */
export async function findEndRequest(db: DbOrTx, id: string): Promise<RelationshipEndRow | undefined> {
  const [row] = await db.select().from(relationshipEndRequests).where(eq(relationshipEndRequests.id, id));
  return row;
}

/** Marks the request and the borrower ended (once: false when the request is no longer open). */
export async function markRelationshipEnded(
  db: DbOrTx,
  input: { requestId: string; borrowerId: string; staffId: string; at: Date; eraseAfter: string },
): Promise<boolean> {
  const rows = await db
    .update(relationshipEndRequests)
    .set({ status: 'ended', endedBy: input.staffId, endedAt: input.at, eraseAfter: input.eraseAfter })
    .where(and(eq(relationshipEndRequests.id, input.requestId), eq(relationshipEndRequests.status, 'open')))
    .returning({ id: relationshipEndRequests.id });
  if (rows.length !== 1) return false;
  await db
    .update(borrowers)
    .set({ endedAt: input.at, eraseAfter: input.eraseAfter })
    .where(eq(borrowers.id, input.borrowerId));
  return true;
}

type Rows<T> = { rows: T[] };

/**
 * What keeps the relationship from ending: loans not repaid (awaiting payout, active, overdue), applications not
 * finished (submitted, under review, approved, signed), overpayment refunds not paid (pending or refused).
 */
export async function relationshipBlockers(db: DbOrTx, borrowerId: string) {
  const result = (await db.execute(sql`
    SELECT
      (SELECT count(*)::int FROM loans WHERE borrower_id = ${borrowerId}::uuid
          AND status IN ('awaiting_payout', 'active', 'overdue')) AS loans,
      (SELECT count(*)::int FROM loan_applications WHERE borrower_id = ${borrowerId}::uuid
          AND status IN ('submitted', 'under_review', 'approved', 'signed')) AS applications,
      (SELECT count(*)::int FROM refunds r JOIN loans l ON l.id = r.loan_id WHERE l.borrower_id = ${borrowerId}::uuid
          AND r.status IN ('pending', 'refused')) AS refunds`)) as unknown as Rows<{
    loans: number;
    applications: number;
    refunds: number;
  }>;
  const row = result.rows[0]!;
  return { loans: Number(row.loans), applications: Number(row.applications), refunds: Number(row.refunds) };
}
