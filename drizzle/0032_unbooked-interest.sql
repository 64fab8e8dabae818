ALTER TABLE "loan_servicing_state" ADD COLUMN "unbooked_interest" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- hand-written: what the borrower owes and what accrued, as every reader must see it: the ledger's balances plus the
-- current interest the close accrued on quiet days and has not booked yet (loan_servicing_state.unbooked_interest).
-- The same columns as loan_balances, so a reader swaps the name and nothing else.
CREATE VIEW "loan_balances_current" AS
  SELECT b."loan_id", b."principal", b."principal_overdue",
         b."interest" + coalesce(st."unbooked_interest", 0) AS "interest",
         b."interest_overdue", b."penalty", b."fees", b."overpayment",
         b."interest_income" - coalesce(st."unbooked_interest", 0) AS "interest_income",
         b."penalty_income"
    FROM "loan_balances" b
    LEFT JOIN "loan_servicing_state" st ON st."loan_id" = b."loan_id";
