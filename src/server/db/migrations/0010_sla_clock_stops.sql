-- SLA clocks that stop: a finished request owes nothing (issue 9 item 1), and the escalation ladder is a
-- schedule in the policy (item 2). Clocks of requests finished before this migration are stopped at start-up
-- (boot.ts → stopClocksOfFinishedRequests), where business time can be measured exactly on their calendars.
ALTER TABLE "ticket_sla_targets" ADD COLUMN "stopped_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "ticket_sla_targets_owed_idx" ON "ticket_sla_targets" USING btree ("ticket_id") WHERE "ticket_sla_targets"."met_at" is null and "ticket_sla_targets"."stopped_at" is null;--> statement-breakpoint
ALTER TABLE "ticket_sla_targets" DROP CONSTRAINT IF EXISTS "ticket_sla_targets_state_check";--> statement-breakpoint
ALTER TABLE "ticket_sla_targets" ADD CONSTRAINT "ticket_sla_targets_state_check" CHECK ("ticket_sla_targets"."state" in ('running','paused','met','breached','cancelled','not_needed'));--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "escalation_ladder" jsonb DEFAULT '{"senior_engineer":0,"product_manager":4,"rnd":8}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "escalation_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_escalation_due_idx" ON "tickets" USING btree ("escalation_due_at") WHERE "tickets"."escalation_due_at" is not null;
