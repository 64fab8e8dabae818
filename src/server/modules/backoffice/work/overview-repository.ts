import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../adapters/db/database';

type Rows<T> = { rows: T[] };

/**
 * The overview's series, computed in SQL over the last `days` days (lender's time zone `zone`): per day the
 * applications and decisions, payouts and credited payments (count and kopecks); the portfolio by loan status;
 * open overdue loans by days overdue on `today`. Each is one aggregate over an indexed range.
 */
export async function overviewSeries(db: DbOrTx, options: { days: number; zone: string; today: string }) {
  const { days, zone, today } = options;
  const from = sql`(${today}::date - ${days - 1}::int)`;
  const perDay = (await db.execute(sql`
    WITH d AS (SELECT generate_series(${from}, ${today}::date, interval '1 day')::date AS day),
    a AS (SELECT (created_at AT TIME ZONE ${zone})::date AS day, count(*)::int AS n
            FROM loan_applications WHERE created_at >= ${from} - interval '1 day' GROUP BY 1),
    dec AS (SELECT (e.at AT TIME ZONE ${zone})::date AS day,
                   count(*) FILTER (WHERE e.status = 'approved')::int AS approved,
                   count(*) FILTER (WHERE e.status = 'refused')::int AS refused,
                   count(*) FILTER (WHERE e.status = 'under_review')::int AS manual
              FROM application_events e WHERE e.at >= ${from} - interval '1 day' GROUP BY 1),
    po AS (SELECT (settled_at AT TIME ZONE ${zone})::date AS day, count(*)::int AS n, sum(amount)::text AS amount
             FROM payouts WHERE status = 'succeeded' AND settled_at >= ${from} - interval '1 day' GROUP BY 1),
    pa AS (SELECT (credited_at AT TIME ZONE ${zone})::date AS day, count(*)::int AS n, sum(amount)::text AS amount
             FROM payments WHERE credited_at >= ${from} - interval '1 day' GROUP BY 1)
    SELECT d.day::text AS day, coalesce(a.n, 0) AS applications, coalesce(dec.approved, 0) AS approved,
           coalesce(dec.refused, 0) AS refused, coalesce(dec.manual, 0) AS manual,
           coalesce(po.n, 0) AS payouts, coalesce(po.amount, '0') AS payouts_amount,
           coalesce(pa.n, 0) AS payments, coalesce(pa.amount, '0') AS payments_amount
      FROM d LEFT JOIN a USING (day) LEFT JOIN dec USING (day) LEFT JOIN po USING (day) LEFT JOIN pa USING (day)
     ORDER BY d.day`)) as unknown as Rows<{
    day: string;
    applications: number;
    approved: number;
    refused: number;
    manual: number;
    payouts: number;
    payouts_amount: string;
    payments: number;
    payments_amount: string;
  }>;
  const portfolio = (await db.execute(sql`
    SELECT status, count(*)::int AS loans, coalesce(sum(principal), 0)::text AS principal
      FROM loans WHERE status <> 'cancelled' GROUP BY status ORDER BY status`)) as unknown as Rows<{
    status: string;
    loans: number;
    principal: string;
  }>;
  const overdue = (await db.execute(sql`
    SELECT CASE WHEN ${today}::date - overdue_since < 31 THEN '1-30'
                WHEN ${today}::date - overdue_since < 61 THEN '31-60'
                WHEN ${today}::date - overdue_since < 91 THEN '61-90'
                ELSE '90+' END AS bucket, count(*)::int AS loans
      FROM loans WHERE overdue_since IS NOT NULL AND status IN ('active', 'overdue')
     GROUP BY 1`)) as unknown as Rows<{ bucket: '1-30' | '31-60' | '61-90' | '90+'; loans: number }>;
  return { perDay: perDay.rows, portfolio: portfolio.rows, overdue: overdue.rows };
}
