CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key" text,
	"kind" text NOT NULL,
	"schedule" jsonb,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_by" uuid,
	"locked_until" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_error" text,
	"failed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_kind_check" CHECK ("jobs"."kind" in ('once','recurring')),
	CONSTRAINT "jobs_state_check" CHECK ("jobs"."state" in ('scheduled','running','succeeded','failed')),
	CONSTRAINT "jobs_schedule_check" CHECK (("jobs"."kind" = 'recurring') = ("jobs"."schedule" is not null)),
	CONSTRAINT "jobs_attempts_check" CHECK ("jobs"."attempts" >= 0 and "jobs"."max_attempts" >= 1),
	CONSTRAINT "jobs_lease_check" CHECK (("jobs"."state" = 'running') = ("jobs"."locked_until" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_key_key" ON "jobs" USING btree ("key");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."state" = 'scheduled';--> statement-breakpoint
CREATE INDEX "jobs_lease_idx" ON "jobs" USING btree ("locked_until") WHERE "jobs"."state" = 'running';--> statement-breakpoint
-- Mail still waiting in the old outbox (notifications.email_status) becomes mail.send jobs.
INSERT INTO "jobs" ("name", "kind", "payload", "run_at")
SELECT 'mail.send', 'once',
	jsonb_build_object(
		'to', u."email", 'locale', u."locale", 'template', 'notification', 'notificationId', n."id",
		'params', jsonb_build_object('kind', n."kind", 'data', n."data", 'ticketId', n."ticket_id", 'ticketNumber', t."number", 'ticketTitle', t."title")
	),
	now()
FROM "notifications" n
JOIN "users" u ON u."id" = n."user_id"
LEFT JOIN "tickets" t ON t."id" = n."ticket_id"
WHERE n."email_status" = 'pending';--> statement-breakpoint
DROP INDEX "notifications_email_pending_idx";--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "email_status";--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "email_attempts";--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "email_error";
