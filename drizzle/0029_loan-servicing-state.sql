CREATE TABLE "loan_servicing_state" (
	"loan_id" uuid PRIMARY KEY NOT NULL,
	"accrued_through" date NOT NULL,
	"closed_through" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "loan_servicing_state" ADD CONSTRAINT "loan_servicing_state_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written (before the columns go): every loan under servicing keeps how far it got, in key order (the close
-- walks the key; neighbouring keys on neighbouring pages). Fill factor 50: the close updates every row of a page in
-- one batch, and each new version must fit on its page to be a HOT update.
ALTER TABLE "loan_servicing_state" SET (fillfactor = 50);--> statement-breakpoint
INSERT INTO "loan_servicing_state" ("loan_id", "accrued_through", "closed_through")
  SELECT "id", "accrued_through", "closed_through" FROM "loans"
   WHERE "accrued_through" IS NOT NULL AND "closed_through" IS NOT NULL
   ORDER BY "id";--> statement-breakpoint
ALTER TABLE "loans" DROP COLUMN "accrued_through";--> statement-breakpoint
ALTER TABLE "loans" DROP COLUMN "closed_through";