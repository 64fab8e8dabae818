ALTER TABLE "journal_entries" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();--> statement-breakpoint
ALTER TABLE "postings" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();