ALTER TABLE "contracts" DROP COLUMN "pdf";--> statement-breakpoint
ALTER TABLE "prolongations" DROP COLUMN "pdf";