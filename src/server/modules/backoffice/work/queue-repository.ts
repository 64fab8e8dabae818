import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../adapters/db/database';

type Rows<T> = { rows: T[] };

/** The columns every queue's source query yields, one row per item waiting for a person. */
export type QueueSourceRow = {
  id: string;
  title: string;
  subtitle: string | null;
  amount: string | null;
  status: string;
  since: string | Date;
  borrower_id: string | null;
};

/**
 * The source queries of the built-in queues: each selects the items waiting for a person with the columns of
 * QueueSourceRow (id, title, subtitle, amount in kopecks, status, since: when it started waiting, borrower_id).
 */
export const QUEUE_SOURCES = {
  /** Applications under manual review (and those awaiting a senior's second approval). */
  applications: sql`
    SELECT a.id, concat_ws(' ', b.surname, b.name, b.patronymic) AS title, p.name AS subtitle,
           a.amount::text AS amount,
           CASE WHEN pd.application_id IS NULL THEN 'under_review' ELSE 'awaiting_second_approval' END AS status,
           a.created_at AS since, a.borrower_id
      FROM loan_applications a
      JOIN borrowers b ON b.id = a.borrower_id
      JOIN loan_products p ON p.id = a.product_id
      LEFT JOIN pending_decisions pd ON pd.application_id = a.id
     WHERE a.status = 'under_review'`,
  /** Payouts the provider refused, until a specialist marks the case resolved. */
  payouts: sql`
    SELECT po.id, concat_ws(' ', b.surname, b.name, b.patronymic) AS title, po.failure_reason AS subtitle,
           po.amount::text AS amount, 'failed' AS status, coalesce(po.settled_at, po.created_at) AS since,
           l.borrower_id
      FROM payouts po
      JOIN loans l ON l.id = po.loan_id
      JOIN borrowers b ON b.id = l.borrower_id
     WHERE po.status = 'failed'
       AND NOT EXISTS (SELECT 1 FROM audit_log al
                        WHERE al.subject_id = po.id AND al.action = 'backoffice.work.resolved')`,
  /** Overpayment refunds the acquirer refused or cancelled. */
  refunds: sql`
    SELECT r.id, concat_ws(' ', b.surname, b.name, b.patronymic) AS title, r.failure_reason AS subtitle,
           r.amount::text AS amount, r.status, coalesce(r.settled_at, r.created_at) AS since, l.borrower_id
      FROM refunds r
      JOIN loans l ON l.id = r.loan_id
      JOIN borrowers b ON b.id = l.borrower_id
     WHERE r.status IN ('refused', 'canceled')`,
  /** Phone change cases waiting for the identity check, the senior's approval or the code (issue 12). */
  'phone-changes': sql`
    SELECT pc.id, concat_ws(' ', b.surname, b.name, b.patronymic) AS title,
           'Новый номер ' || pc.new_phone AS subtitle, NULL::text AS amount,
           'phone_change_' || pc.status AS status, pc.created_at AS since, pc.borrower_id
      FROM phone_change_cases pc
      JOIN borrowers b ON b.id = pc.borrower_id
     WHERE pc.status IN ('open', 'checked', 'approved')`,
  /** Borrowers' requests to end the relationship (issue 12). */
  'relationship-ends': sql`
    SELECT re.id, concat_ws(' ', b.surname, b.name, b.patronymic) AS title, NULL::text AS subtitle,
           NULL::text AS amount, 'relationship_end_open' AS status, re.created_at AS since, re.borrower_id
      FROM relationship_end_requests re
      JOIN borrowers b ON b.id = re.borrower_id
     WHERE re.status = 'open'`,
} satisfies Record<string, SQL>;

/** How a page of a queue is asked for: sorted by waiting time or amount, filtered by who holds the items. */
export type QueuePageRequest = {
  offset: number;
  limit: number;
  sort: 'since' | 'amount' | 'title';
  direction: 'asc' | 'desc';
  claim: 'all' | 'mine' | 'free' | 'others';
  search?: string | undefined;
  staffId: string;
  now: Date;
};

const SORT_COLUMNS = { since: sql`q.since`, amount: sql`q.amount::bigint`, title: sql`q.title` } as const;

/** One page of `source`'s items with their live claims (holder and name), and the total matching the filter. */
export async function pageOfQueue(db: DbOrTx, queue: string, source: SQL, request: QueuePageRequest) {
  const now = request.now.toISOString();
  const claimFilter = {
    all: sql`true`,
    mine: sql`c.claimed_by = ${request.staffId}::uuid`,
    free: sql`c.claimed_by IS NULL`,
    others: sql`c.claimed_by IS NOT NULL AND c.claimed_by <> ${request.staffId}::uuid`,
  }[request.claim];
  const search = request.search
    ? sql`q.title ILIKE ${`%${request.search.replace(/[%_\\]/g, '\\$&')}%`}`
    : sql`true`;
  const direction = request.direction === 'asc' ? sql`ASC` : sql`DESC`;
  const result = (await db.execute(sql`
    SELECT q.*, c.claimed_by, s.display_name AS claimed_by_name, c.expires_at AS claim_expires_at,
           count(*) OVER () AS total
      FROM (${source}) q
      LEFT JOIN work_claims c ON c.queue = ${queue} AND c.item_id = q.id AND c.expires_at > ${now}::timestamptz
      LEFT JOIN staff s ON s.id = c.claimed_by
     WHERE ${claimFilter} AND ${search}
     ORDER BY ${SORT_COLUMNS[request.sort]} ${direction} NULLS LAST, q.id
     LIMIT ${request.limit} OFFSET ${request.offset}`)) as unknown as Rows<
    QueueSourceRow & {
      claimed_by: string | null;
      claimed_by_name: string | null;
      claim_expires_at: string | Date | null;
      total: string | number;
    }
  >;
  return { rows: result.rows, total: Number(result.rows[0]?.total ?? 0) };
}

/** A queue's size: items waiting, of them not claimed by anyone, and the oldest waiting one's start. */
export async function sizeOfQueue(db: DbOrTx, queue: string, source: SQL, now: Date) {
  const result = (await db.execute(sql`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE c.item_id IS NULL)::int AS unclaimed,
           min(q.since) AS oldest
      FROM (${source}) q
      LEFT JOIN work_claims c ON c.queue = ${queue} AND c.item_id = q.id
                              AND c.expires_at > ${now.toISOString()}::timestamptz`)) as unknown as Rows<{
    total: number;
    unclaimed: number;
    oldest: string | Date | null;
  }>;
  const row = result.rows[0];
  return {
    total: Number(row?.total ?? 0),
    unclaimed: Number(row?.unclaimed ?? 0),
    oldest: row?.oldest ? new Date(row.oldest) : null,
  };
}

/** Whether `itemId` is in the queue now. */
export async function isInQueue(db: DbOrTx, source: SQL, itemId: string): Promise<boolean> {
  const result = (await db.execute(
    sql`SELECT 1 AS found FROM (${source}) q WHERE q.id = ${itemId}::uuid`,
  )) as unknown as Rows<{ found: number }>;
  return result.rows.length > 0;
}
