ALTER TABLE "postings" DROP CONSTRAINT "postings_entry_id_journal_entries_id_fk";
--> statement-breakpoint
ALTER TABLE "postings" DROP CONSTRAINT "postings_account_id_ledger_accounts_id_fk";
--> statement-breakpoint
-- hand-written: the nightly close at scale, part 2 (issue 9 §1)
-- Every rule of the ledger stays in the database; what changes is that each is checked once per statement over
-- the rows the statement wrote, instead of once per row (a 5 000-loan batch of the close writes 5 000 entries and
-- 10 000-20 000 postings in one statement).
-- 1. Ledger accounts are never changed or deleted (postings point at them; the foreign keys' per-row checks, which
--    also locked every account row a posting named, give way to the statement-level checks below).
CREATE FUNCTION ledger_accounts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger accounts are never changed or deleted: % refused', TG_OP USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_keep BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_accounts_keep();
--> statement-breakpoint
-- The ledger itself refuses TRUNCATE too (the foreign keys used to).
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
-- 2. An INSERT on postings: each entry's postings in the statement sum to zero, and every entry it names exists
--    (looked up by key, once per entry). Entries are append-only, so what exists now exists at commit.
CREATE OR REPLACE FUNCTION ledger_postings_balanced() RETURNS trigger LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
DECLARE
  bad uuid;
BEGIN
  SELECT entry_id INTO bad FROM new_postings GROUP BY entry_id HAVING sum(amount) <> 0 LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % does not balance', bad USING ERRCODE = '23514';
  END IF;
  SELECT p.entry_id INTO bad FROM (SELECT DISTINCT entry_id FROM new_postings) p
   WHERE NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = p.entry_id) LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'postings name journal entry %, which does not exist', bad USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- 3. loan_balances, and every account a posting names exists: the statement's postings joined by key to their
--    accounts once (a posting without its account stops the statement).
CREATE OR REPLACE FUNCTION loan_balances_add() RETURNS trigger LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
DECLARE
  missing uuid;
BEGIN
  WITH j AS MATERIALIZED (
    SELECT p.account_id, p.amount, a.loan_id, a.code, a.id IS NULL AS missing
      FROM new_postings p LEFT JOIN ledger_accounts a ON a.id = p.account_id
  ),
  d AS (
    SELECT j.loan_id,
           coalesce(sum(j.amount) FILTER (WHERE j.code = 'principal'), 0) AS principal,
           coalesce(sum(j.amount) FILTER (WHERE j.code = 'principal_overdue'), 0) AS principal_overdue,
           coalesce(sum(j.amount) FILTER (WHERE j.code = 'interest'), 0) AS interest,
           coalesce(sum(j.amount) FILTER (WHERE j.code = 'interest_overdue'), 0) AS interest_overdue,
           coalesce(sum(j.amount) FILTER (WHERE j.code = 'penalty'), 0) AS penalty,
           coalesce(sum(j.amount) FILTER (WHERE j.code = 'fees'), 0) AS fees,
           coalesce(sum(j.amount) FILTER (WHERE j.code = 'overpayment'), 0) AS overpayment,
           coalesce(sum(j.amount) FILTER (WHERE j.code = 'interest_income'), 0) AS interest_income,
           coalesce(sum(j.amount) FILTER (WHERE j.code = 'penalty_income'), 0) AS penalty_income
      FROM j
     WHERE j.loan_id IS NOT NULL
     GROUP BY j.loan_id
  ),
  u AS (
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
      FROM d
     WHERE b.loan_id = d.loan_id
  )
  SELECT j.account_id INTO missing FROM j WHERE j.missing LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'a posting names ledger account %, which does not exist', missing USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- 4. Balanced entries, checked at commit once per INSERT statement on journal_entries instead of once per entry:
--    the statement notes the ids it wrote in a scratch row (unlogged: it lives only until its own transaction
--    commits); a deferred constraint trigger on that row checks, at commit, that each of those entries has at
--    least two postings summing to zero (one lookup by key per entry), then removes the row. The name of the
--    deferred constraint stays journal_entries_balanced (SET CONSTRAINTS journal_entries_balanced IMMEDIATE).
DROP TRIGGER journal_entries_balanced ON journal_entries;
--> statement-breakpoint
CREATE UNLOGGED TABLE ledger_entries_to_check (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entry_ids uuid[] NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION ledger_entries_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_entries_to_check (entry_ids) SELECT array_agg(id) FROM new_entries HAVING count(*) > 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_entries_noted AFTER INSERT ON journal_entries REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_note();
--> statement-breakpoint
CREATE FUNCTION ledger_entries_balanced() RETURNS trigger LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
DECLARE
  bad record;
BEGIN
  SELECT e.id, x.lines, x.total INTO bad
    FROM unnest(NEW.entry_ids) AS e(id)
    CROSS JOIN LATERAL (SELECT count(*) AS lines, coalesce(sum(p.amount), 0) AS total
                          FROM postings p WHERE p.entry_id = e.id) x
   WHERE x.lines < 2 OR x.total <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % does not balance: % postings summing to %', bad.id, bad.lines, bad.total
      USING ERRCODE = '23514';
  END IF;
  DELETE FROM ledger_entries_to_check WHERE id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON ledger_entries_to_check
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entries_balanced();
--> statement-breakpoint
-- 5. Balances change only through postings: checked once per statement (the guard looks only at the trigger depth).
DROP TRIGGER loan_balances_only_from_postings ON loan_balances;
--> statement-breakpoint
CREATE TRIGGER loan_balances_only_from_postings BEFORE UPDATE OR DELETE ON loan_balances
  FOR EACH STATEMENT EXECUTE FUNCTION loan_balances_guard();
