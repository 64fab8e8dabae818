CREATE TABLE "relationship_end_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_ip" text,
	CONSTRAINT "relationship_end_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "on_duty" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "on_duty_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "relationship_end_requests" ADD COLUMN "conversation_id" uuid;--> statement-breakpoint
ALTER TABLE "relationship_end_requests" ADD COLUMN "opened_by_staff_id" uuid;--> statement-breakpoint
ALTER TABLE "borrowers" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "relationship_end_links" ADD CONSTRAINT "relationship_end_links_request_id_relationship_end_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."relationship_end_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relationship_end_links_request_idx" ON "relationship_end_links" USING btree ("request_id");--> statement-breakpoint
ALTER TABLE "relationship_end_requests" ADD CONSTRAINT "relationship_end_requests_conversation_id_support_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."support_conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_end_requests" ADD CONSTRAINT "relationship_end_requests_opened_by_staff_id_staff_id_fk" FOREIGN KEY ("opened_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;