-- NOT VALID: the rule holds for every posting written from now on; the postings booked before it were checked by the
-- rules of their day (and ledger tables are never rewritten), so an upgrade does not rescan the whole ledger.
ALTER TABLE "postings" ADD CONSTRAINT "postings_amount_nonzero" CHECK ("postings"."amount" <> 0) NOT VALID;
--> statement-breakpoint
-- hand-written: the ledger's rules checked by set operations over what the transaction itself wrote, with no lookups
-- in the ledger at all (issue 9: the nightly close of 1 000 000 loans probed postings and journal_entries 10 000
-- times per 5 000-loan batch to re-read rows it had just written).
-- An entry balances when (1) each INSERT statement's postings of the entry sum to zero (checked per statement, as
-- before), (2) no posting is zero (the check above), and (3) the entry got postings in the transaction that wrote
-- it: then its postings sum to zero and there are at least two. Postings can only be added to an entry of the
-- same transaction, so a committed entry never changes (append-only, stricter than before).
-- The scratch tables are unlogged and only ever hold the rows of transactions in progress (each transaction
-- deletes its own rows at commit, so no committed row is ever visible); they are read with EXCEPT over arrays.
CREATE UNLOGGED TABLE ledger_entries_posted (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entry_ids uuid[] NOT NULL
);
--> statement-breakpoint
-- The arrays of a 5 000-loan batch (80 KB of random uuids) do not compress: stored as they are, without trying.
ALTER TABLE ledger_entries_posted ALTER COLUMN entry_ids SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE ledger_entries_to_check ALTER COLUMN entry_ids SET STORAGE EXTERNAL;
--> statement-breakpoint
-- An INSERT on postings: each entry's postings in the statement sum to zero, and every entry it names was written by
-- this transaction (noted in ledger_entries_to_check by ledger_entries_note); the entries that got postings are noted
-- for the check at commit.
CREATE OR REPLACE FUNCTION ledger_postings_balanced() RETURNS trigger LANGUAGE plpgsql
  SET enable_seqscan = on AS $$
DECLARE
  bad uuid;
BEGIN
  SELECT entry_id INTO bad FROM new_postings GROUP BY entry_id HAVING sum(amount) <> 0 LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % does not balance', bad USING ERRCODE = '23514';
  END IF;
  SELECT id INTO bad
    FROM (SELECT entry_id FROM new_postings EXCEPT SELECT unnest(entry_ids) FROM ledger_entries_to_check) x(id)
   LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'postings name journal entry %, which does not exist or was not written by this transaction '
                    '(postings are booked together with their entry)', bad USING ERRCODE = '23503';
  END IF;
  INSERT INTO ledger_entries_posted (entry_ids) SELECT array_agg(DISTINCT entry_id) FROM new_postings HAVING count(*) > 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- At commit, once per INSERT statement on journal_entries: every entry it wrote got postings in this transaction.
-- The constraint keeps its name (SET CONSTRAINTS journal_entries_balanced IMMEDIATE).
CREATE OR REPLACE FUNCTION ledger_entries_balanced() RETURNS trigger LANGUAGE plpgsql
  SET enable_seqscan = on AS $$
DECLARE
  bad uuid;
BEGIN
  SELECT id INTO bad
    FROM (SELECT unnest(NEW.entry_ids) EXCEPT SELECT unnest(entry_ids) FROM ledger_entries_posted) x(id)
   LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % does not balance: it has no postings', bad USING ERRCODE = '23514';
  END IF;
  DELETE FROM ledger_entries_to_check WHERE id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The posted notes go at commit too, after the checks that read them: deferred events fire in the order they were
-- queued, and a posting's entry is always noted before the posting (checked above).
CREATE FUNCTION ledger_entries_posted_done() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ledger_entries_posted WHERE id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entries_posted_done AFTER INSERT ON ledger_entries_posted
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entries_posted_done();
