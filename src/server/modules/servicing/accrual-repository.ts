import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import type { DbOrTx } from '../../adapters/db/database';

/**
 * The set-based heart of servicing: one SQL statement that, for a set of loans and one business date D,
 * 1. accrues interest and penalty for the days after `accrued_through` up to D (the formulas of
 *    src/domain/accrual.ts: floor(rate × (P × days since the base date − grace)) minus what accrued since it,
 *    the grace being the principal-days an art. 193 move of a due date leaves free of interest; the penalty
 *    on the overdue principal, 20 % a year (actual/actual by calendar year) while interest accrues, 0.1 % a day
 *    when it does not; both stop at the cap);
 * 2. when `dueProcessing`, moves what fell due on D and is unpaid to overdue: the current interest, then the
 *    principal above the schedule's `remaining_principal` for that date; after the last due date new interest
 *    is overdue at once;
 * 3. books all of it as ONE journal entry per loan (idempotency key `<kind>:<loan>:<D>`), together with the interest
 *    kept unbooked so far, moves the loan's loan_servicing_state forward (accrued_through, and with due processing
 *    closed_through) and, with due processing and only when they change, the loan's status and overdue_since;
 * 4. except on a quiet day of the close (due processing, not `bookAll`; the loan active and not matured, nothing
 *    overdue, no penalty, nothing falling due, and D not a month's last day): then the day's interest is only added
 *    to loan_servicing_state.unbooked_interest, with no entry at all. Interest income is booked at least on the
 *    month's last day and on the dates set for its payment (Bank of Russia Regulation 493-P on non-credit financial
 *    organisations' income); every other entry on the loan is preceded by a booking accrual (a payment's, kind
 *    'accrual', which always books; ledger book() refuses otherwise). Readers see the sum (loan_balances_current).
 *    Why: a quiet day is almost every day of almost every loan, and its entry, two postings and the balance row were
 *    more than half of the close's cost (README «Performance»).
 * Every CTE sees the same snapshot, so the amounts, the postings and the loan rows agree. The caller holds the
 * loans' row locks (taken in an earlier statement of its transaction, so this statement's snapshot is fresh).
 * Returns the number of loans updated. Its twin in TypeScript is domain/accrual.ts (accrual-twins.test.ts).
 */
export async function accrueLoans(
  db: DbOrTx,
  options: {
    date: IsoDate;
    loanIds: readonly string[];
    dueProcessing: boolean;
    kind: 'close' | 'accrual';
    /** Book every loan's accrual today, quiet or not (as on a month's last day). */
    bookAll?: boolean;
  },
): Promise<number> {
  // PostgreSQL's JIT compiler judges this statement expensive and spends ~3 s compiling it for a 5 000-loan batch
  // that runs in 0.5 s without it (measured with EXPLAIN ANALYZE). Off for this transaction only. (The close's
  // batches also pin the plan to lookups by key: tuneCloseBatch in close-repository.ts.)
  await db.execute(sql`SET LOCAL jit = off`);
  const d = sql`${options.date}::date`;
  // floor(rate × (P × days since the base date − grace)) up to a date: the cumulative interest of domain/accrual.ts.
  const upTo = (
    date: SQL,
  ) => sql`(l.daily_rate_bp * ((l.b_principal + l.b_principal_overdue) * (${date} - l.interest_base_date)
      - CASE WHEN l.moved THEN grace_kopeck_days(l.id, l.schedule_version, l.b_principal + l.b_principal_overdue,
                                                 l.interest_base_date, ${date}) ELSE 0 END))
      / 10000`;
  const due = options.dueProcessing;
  const ids = sql`${`{${options.loanIds.join(',')}}`}::uuid[]`;
  const result = (await db.execute(sql`
    WITH l AS MATERIALIZED (
      -- Only the columns the formulas read (the loan row is wide; every CTE below copies what this one carries).
      SELECT l.id, l.status, l.overdue_since, l.daily_rate_bp, l.accrual_cap, l.penalty_percent_year,
             l.penalty_bp_day, l.interest_base_date, l.schedule_version,
             st.accrued_through, st.closed_through, st.unbooked_interest AS unbooked,
             b.principal AS b_principal, b.principal_overdue AS b_principal_overdue,
             -- The balances as the borrower owes them: the ledger's plus the interest accrued but not yet booked.
             b.interest + st.unbooked_interest AS b_interest, b.interest_overdue AS b_interest_overdue,
             -(b.interest_income + b.penalty_income) + st.unbooked_interest AS accrued,
             greatest(${d} - st.accrued_through, 0) AS days,
             s.maturity, s.target, s.target_scheduled, s.target_due, s.moved
        -- Driven by the id list: loans, balances and schedules are looked up by key, so a batch never reads the
        -- whole portfolio.
        FROM loans l
        -- OFFSET 0: a lookup by key per loan, never a hash join over every balance row.
        CROSS JOIN LATERAL (SELECT * FROM loan_balances b WHERE b.loan_id = l.id OFFSET 0) b
        CROSS JOIN LATERAL (SELECT * FROM loan_servicing_state st WHERE st.loan_id = l.id OFFSET 0) st
        -- The loan's current schedule in one pass: the maturity; of the instalments falling due now (after
        -- closed_through, up to D) the lowest remaining principal, the latest one's scheduled date (when art. 193
        -- moved it) and due date; and whether any instalment was moved at all (else there is no grace to compute).
        CROSS JOIN LATERAL (
          SELECT max(i.due_date) AS maturity,
                 min(i.remaining_principal) FILTER (WHERE i.due_date > st.closed_through AND i.due_date <= ${d})
                   AS target,
                 (array_agg(i.scheduled_date ORDER BY i.n DESC)
                   FILTER (WHERE i.due_date > st.closed_through AND i.due_date <= ${d}))[1] AS target_scheduled,
                 max(i.due_date) FILTER (WHERE i.due_date > st.closed_through AND i.due_date <= ${d}) AS target_due,
                 coalesce(bool_or(i.scheduled_date IS NOT NULL), false) AS moved
            FROM loan_instalments i
           WHERE i.loan_id = l.id AND i.version = l.schedule_version
        ) s
       WHERE l.id = ANY(${ids})
    ),
    accrual AS (
      SELECT l.*,
             least(
               ${upTo(d)} - ${upTo(sql`l.accrued_through`)},
               greatest(l.accrual_cap - l.accrued, 0)
             ) * (l.days > 0)::int AS interest_raw,
             -- Interest after the scheduled date of an instalment art. 193 moved: the next period's, not due now
             -- (domain/loan-position.ts interestOfNextPeriod).
             CASE WHEN l.target_scheduled IS NULL THEN 0
                  ELSE greatest(${upTo(sql`least(${d}, l.target_due)`)}
                                - ${upTo(sql`greatest(l.interest_base_date, least(l.target_scheduled, ${d}))`)}, 0)
             END AS interest_next_period,
             -- The 20 % a year: actual/actual by calendar year (interest.ts annualRateBetween), each year's days at
             -- floor(overdue × % / (100 × days in that year)).
             CASE WHEN l.daily_rate_bp > 0
                  THEN (SELECT coalesce(sum((l.b_principal_overdue * l.penalty_percent_year)
                                            / (100 * (make_date(y + 1, 1, 1) - make_date(y, 1, 1)))
                                            * greatest(least(${d}, make_date(y, 12, 31))
                                                       - greatest(l.accrued_through, make_date(y - 1, 12, 31)), 0)), 0)::bigint
                          FROM generate_series(extract(year FROM l.accrued_through + 1)::int,
                                               extract(year FROM ${d})::int) AS y)
                  ELSE (l.b_principal_overdue * l.penalty_bp_day) / 10000 * l.days END AS penalty_uncapped
        FROM l
    ),
    capped AS (
      SELECT a.*, greatest(a.interest_raw, 0) AS interest,
             least(a.penalty_uncapped, greatest(a.accrual_cap - a.accrued - greatest(a.interest_raw, 0), 0)) AS penalty,
             (${d} > a.maturity) AS matured
        FROM accrual a
    ),
    moves AS (
      SELECT c.*,
             CASE WHEN ${due} AND c.target IS NOT NULL
                  THEN greatest(greatest(c.b_interest + CASE WHEN c.matured THEN 0 ELSE c.interest END
                                         - c.interest_next_period, 0)
                                + c.b_principal - c.target, 0)
                  ELSE 0 END AS arrears,
             greatest(c.b_interest + CASE WHEN c.matured THEN 0 ELSE c.interest END - c.interest_next_period, 0)
               AS interest_current
        FROM capped c
    ),
    split AS (
      SELECT m.*, least(m.arrears, m.interest_current) AS move_interest,
             least(m.arrears - least(m.arrears, m.interest_current), m.b_principal) AS move_principal
        FROM moves m
    ),
    -- Whether this loan's accrual is booked now or kept in the state row (unbooked_interest): the close keeps it
    -- only on a quiet day: only current interest accrues (no penalty, nothing moves to overdue, nothing overdue,
    -- not matured, the loan active) and the day is not a month's last. Any other accrual (a payment's) books.
    calc AS MATERIALIZED (
      SELECT s.*,
             NOT (${due && !options.bookAll} AND s.status = 'active' AND NOT s.matured AND s.penalty = 0
                  AND s.move_interest = 0 AND s.move_principal = 0
                  AND s.b_principal_overdue = 0 AND s.b_interest_overdue = 0
                  AND extract(day FROM ${d} + 1) <> 1) AS book
        FROM split s
    ),
    entries AS (
      INSERT INTO journal_entries (kind, loan_id, idempotency_key, business_date)
      SELECT ${options.kind}, c.id, ${options.kind} || ':' || c.id || ':' || ${options.date}, ${d}
        FROM calc c
       WHERE c.book AND c.interest + c.unbooked + c.penalty + c.move_interest + c.move_principal > 0
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, loan_id
    ),
    lines AS (
      SELECT e.id AS entry_id, e.loan_id, v.code, v.amount
        FROM entries e JOIN calc c ON c.id = e.loan_id
        CROSS JOIN LATERAL (VALUES
          -- The unbooked interest accrued while the loan was current: current interest, whatever today's is.
          (CASE WHEN c.matured THEN 'interest_overdue' ELSE 'interest' END,
           c.interest + CASE WHEN c.matured THEN 0 ELSE c.unbooked END),
          ('interest', CASE WHEN c.matured THEN c.unbooked ELSE 0 END),
          ('interest_income', -(c.interest + c.unbooked)),
          ('penalty', c.penalty),
          ('penalty_income', -c.penalty),
          ('interest_overdue', c.move_interest),
          ('interest', -c.move_interest),
          ('principal_overdue', c.move_principal),
          ('principal', -c.move_principal)
        ) AS v(code, amount)
       WHERE v.amount <> 0
    ),
    posted AS (
      INSERT INTO postings (entry_id, account_id, amount)
      SELECT ln.entry_id, a.id, ln.amount
        FROM lines ln
        -- OFFSET 0: one lookup by key per line, never a hash join over every account of the portfolio (the
        -- planner chose that at 1 000 000 loans once an entry could carry the unbooked interest's line too).
        CROSS JOIN LATERAL (SELECT a.id FROM ledger_accounts a
                             WHERE a.loan_id = ln.loan_id AND a.code = ln.code OFFSET 0) a
      RETURNING 1
    ),
    -- How far each loan got: a HOT update of its narrow state row (loan_servicing_state, fill factor 50).
    updated AS (
      UPDATE loan_servicing_state st SET
        accrued_through = greatest(st.accrued_through, ${d}),
        unbooked_interest = CASE WHEN c.book THEN 0 ELSE c.unbooked + c.interest END${
          due ? sql`, closed_through = ${d}` : sql``
        }
        FROM calc c
       WHERE st.loan_id = c.id AND st.loan_id = ANY(${ids})
      RETURNING 1
    )${
      due
        ? sql`,
    -- The loan row itself changes only when its status does (active ↔ overdue, and the first day overdue).
    fate AS (
      SELECT c.id, c.status AS was, c.overdue_since AS was_since,
             CASE WHEN overdue THEN 'overdue' ELSE 'active' END AS status,
             CASE WHEN overdue THEN coalesce(c.overdue_since, ${d}) ELSE NULL END AS overdue_since
        FROM calc c
        CROSS JOIN LATERAL (SELECT c.b_principal_overdue + c.b_interest_overdue + c.move_interest + c.move_principal
                                   + CASE WHEN c.matured THEN c.interest ELSE 0 END > 0 AS overdue) o
    ),
    restated AS (
      UPDATE loans SET status = f.status, overdue_since = f.overdue_since
        FROM fate f
       WHERE loans.id = f.id AND loans.id = ANY(${ids})
         AND (f.was IS DISTINCT FROM f.status OR f.was_since IS DISTINCT FROM f.overdue_since)
      RETURNING 1
    )`
        : sql``
    }
    SELECT (SELECT count(*) FROM updated)::int AS loans, (SELECT count(*) FROM posted)::int AS postings
  `)) as unknown as { rows: { loans: number }[] };
  return Number(result.rows[0]?.loans ?? 0);
}
