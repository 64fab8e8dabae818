-- The balance of every entry is now checked once per INSERT statement on postings, over all the entries the
-- statement touched (book() writes an entry's postings in one statement). The per-row deferred check it replaces
-- ran one query per posting: the nightly close books millions of postings in a few statements.
DROP TRIGGER postings_balanced ON postings;
--> statement-breakpoint
DROP FUNCTION ledger_posting_balanced();
--> statement-breakpoint
CREATE FUNCTION ledger_postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad uuid;
BEGIN
  SELECT p.entry_id INTO bad
    FROM postings p
   WHERE p.entry_id IN (SELECT DISTINCT entry_id FROM new_postings)
   GROUP BY p.entry_id
  HAVING sum(p.amount) <> 0
   LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % does not balance', bad USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER postings_balanced AFTER INSERT ON postings
  REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_postings_balanced();
--> statement-breakpoint
-- Each loan's balances, summed by the database from the postings as they are written: the nightly close and the
-- borrower's screens read one row per loan instead of summing the whole history.
CREATE FUNCTION loan_balances_add() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER postings_loan_balances AFTER INSERT ON postings
  REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION loan_balances_add();
--> statement-breakpoint
-- Balances change only through postings.
CREATE FUNCTION loan_balances_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'loan_balances are kept by the ledger: % refused', TG_OP USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER loan_balances_only_from_postings BEFORE UPDATE OR DELETE ON loan_balances
  FOR EACH ROW EXECUTE FUNCTION loan_balances_guard();
--> statement-breakpoint
-- Addendum numbers, like contract numbers.
CREATE SEQUENCE prolongation_number_seq START 1;
--> statement-breakpoint
-- The same text as formatRub() in src/domain/money.ts («12 500,50 ₽», «10 000 ₽», non-breaking spaces), for the
-- messages the nightly close writes in one statement. A test compares the two.
CREATE FUNCTION format_rub(k bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN k < 0 THEN '-' ELSE '' END
      || regexp_replace((abs(k) / 100)::text, '(\d)(?=(\d{3})+$)', '\1' || chr(160), 'g')
      || CASE WHEN abs(k) % 100 = 0 THEN '' ELSE ',' || lpad((abs(k) % 100)::text, 2, '0') END
      || chr(160) || '₽'
$$;
