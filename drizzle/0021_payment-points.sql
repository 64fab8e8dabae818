ALTER TABLE "payments" ADD COLUMN "points" integer;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "points_discount" bigint;