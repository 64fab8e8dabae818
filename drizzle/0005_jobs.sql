CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 10 NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "jobs_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "jobs_status_check" CHECK ("jobs"."status" in ('queued', 'running', 'done', 'dead'))
);
--> statement-breakpoint
DROP INDEX "payouts_due_idx";--> statement-breakpoint
DROP INDEX "notifications_queue_idx";--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("queue","run_at") WHERE status in ('queued', 'running');--> statement-breakpoint
ALTER TABLE "payouts" DROP COLUMN "lease_until";--> statement-breakpoint
ALTER TABLE "payouts" DROP COLUMN "attempts";--> statement-breakpoint
-- A queued in-account message's SMS is a job, enqueued by the very statement that adds the message: the single-row
-- postMessage and the set-based reminders of the close alike (an outbox that no caller can forget).
CREATE FUNCTION enqueue_message_sms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jobs (queue, payload, run_at, dedupe_key)
  SELECT 'message.sms', jsonb_build_object('notificationId', n.id), n.not_before, 'message.sms:' || n.id
    FROM inserted n
   WHERE n.sms_status = 'queued'
  ON CONFLICT (dedupe_key) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER notifications_enqueue_sms AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION enqueue_message_sms();
--> statement-breakpoint
-- Work in flight under the previous worker loops moves into the queue.
INSERT INTO jobs (queue, payload, run_at, dedupe_key)
SELECT 'message.sms', jsonb_build_object('notificationId', id), not_before, 'message.sms:' || id
  FROM notifications WHERE sms_status = 'queued';
--> statement-breakpoint
INSERT INTO jobs (queue, payload, run_at, dedupe_key)
SELECT 'payout.send', jsonb_build_object('payoutId', id), not_before, 'payout.send:' || id
  FROM payouts WHERE status IN ('scheduled', 'sending', 'pending');
