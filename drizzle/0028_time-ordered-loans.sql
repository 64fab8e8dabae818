ALTER TABLE "ledger_accounts" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();--> statement-breakpoint
ALTER TABLE "loans" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();