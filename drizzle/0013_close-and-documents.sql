-- from the performance work: 0010_close-hot-path.sql
DROP INDEX "loans_servicing_idx";--> statement-breakpoint
-- hand-written:
-- The nightly close at scale (issue 9). Each batch of the close must cost what its own loans cost, never the
-- size of the portfolio or of the ledger.
-- 1. The balance of the entries an INSERT on postings wrote is checked on the rows the statement wrote (its
--    transition table), not by re-reading postings: the ledger is append-only and every statement's postings must
--    balance per entry, so by induction every entry's postings in the table balance too. The deferred check on
--    journal_entries (journal_entries_balanced: at least two postings summing to zero, at commit) stays.
CREATE OR REPLACE FUNCTION ledger_postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad uuid;
BEGIN
  SELECT entry_id INTO bad FROM new_postings GROUP BY entry_id HAVING sum(amount) <> 0 LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % does not balance', bad USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- 2. loan_balances: the statement's postings joined by key to their accounts and to the loans' balance rows. The
--    planner cannot see into a transition table, so it is told to use only index lookups here (a hash join read all
--    of ledger_accounts and loan_balances on every batch of the close: O(portfolio) per batch).
CREATE OR REPLACE FUNCTION loan_balances_add() RETURNS trigger LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
BEGIN
  UPDATE loan_balances b SET
    principal = b.principal + d.principal,
    principal_overdue = b.principal_overdue + d.principal_overdue,
    interest = b.interest + d.interest,
    interest_overdue = b.interest_overdue + d.interest_overdue,
    penalty = b.penalty + d.penalty,
    fees = b.fees + d.fees,
    overpayment = b.overpayment + d.overpayment,
    interest_income = b.interest_income + d.interest_income,
    penalty_income = b.penalty_income + d.penalty_income
  FROM (
    SELECT a.loan_id,
           coalesce(sum(p.amount) FILTER (WHERE a.code = 'principal'), 0) AS principal,
           coalesce(sum(p.amount) FILTER (WHERE a.code = 'principal_overdue'), 0) AS principal_overdue,
           coalesce(sum(p.amount) FILTER (WHERE a.code = 'interest'), 0) AS interest,
           coalesce(sum(p.amount) FILTER (WHERE a.code = 'interest_overdue'), 0) AS interest_overdue,
           coalesce(sum(p.amount) FILTER (WHERE a.code = 'penalty'), 0) AS penalty,
           coalesce(sum(p.amount) FILTER (WHERE a.code = 'fees'), 0) AS fees,
           coalesce(sum(p.amount) FILTER (WHERE a.code = 'overpayment'), 0) AS overpayment,
           coalesce(sum(p.amount) FILTER (WHERE a.code = 'interest_income'), 0) AS interest_income,
           coalesce(sum(p.amount) FILTER (WHERE a.code = 'penalty_income'), 0) AS penalty_income
      FROM new_postings p JOIN ledger_accounts a ON a.id = p.account_id
     WHERE a.loan_id IS NOT NULL
     GROUP BY a.loan_id
  ) d
  WHERE b.loan_id = d.loan_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- 3. The close updates every open loan's row and its balances every business day: room on each page lets those
--    updates be HOT (no index touches closed_through, accrued_through, status or overdue_since any more), so dead
--    rows are pruned in place and the tables and their indexes do not bloat from day to day.
ALTER TABLE loans SET (fillfactor = 85);
--> statement-breakpoint
ALTER TABLE loan_balances SET (fillfactor = 85);
--> statement-breakpoint
-- 4. Time-ordered ids (the layout of UUID version 7: 48 bits of Unix milliseconds, then random bits) for the rows
--    the close appends by the million (journal_entries, postings; defaults set in the next migrations): each
--    insert lands at the right edge of the primary key and of postings_entry_idx instead of on a random page.
CREATE FUNCTION uuid_time_ordered() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
--> statement-breakpoint
-- from the performance work: 0011_document-pdfs.sql
CREATE TABLE "contract_pdfs" (
	"contract_id" uuid PRIMARY KEY NOT NULL,
	"pdf" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prolongation_pdfs" (
	"prolongation_id" uuid PRIMARY KEY NOT NULL,
	"pdf" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_pdfs" ADD CONSTRAINT "contract_pdfs_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prolongation_pdfs" ADD CONSTRAINT "prolongation_pdfs_prolongation_id_prolongations_id_fk" FOREIGN KEY ("prolongation_id") REFERENCES "public"."prolongations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written:
-- The PDF bytes move out of the rows the screens read (issue 9); the next migration drops the old columns.
INSERT INTO contract_pdfs (contract_id, pdf) SELECT id, pdf FROM contracts ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO prolongation_pdfs (prolongation_id, pdf) SELECT id, pdf FROM prolongations ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- from the performance work: 0012_drop-inline-pdfs.sql
ALTER TABLE "contracts" DROP COLUMN "pdf";--> statement-breakpoint
ALTER TABLE "prolongations" DROP COLUMN "pdf";
--> statement-breakpoint
-- from the performance work: 0013_time-ordered-ledger-ids.sql
ALTER TABLE "journal_entries" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();--> statement-breakpoint
ALTER TABLE "postings" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();
