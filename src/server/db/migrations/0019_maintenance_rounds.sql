-- Routine maintenance (issue 13): versioned checklists A/B/C, the rounds each contract year (or the free year)
-- owes, their checklist results, and per customer the planning calendar, key-customer flag and backup plan.
-- The notification kind maintenance_overdue joins the kinds check.
CREATE TABLE "maintenance_checklists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"created_by_id" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maintenance_checklists_version_check" CHECK ("maintenance_checklists"."version" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_checklists_version_key" ON "maintenance_checklists" USING btree ("version");
--> statement-breakpoint
CREATE TABLE "maintenance_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL REFERENCES "customers"("id"),
	"service_contract_id" uuid REFERENCES "service_contracts"("id") ON DELETE cascade,
	"system_contract_id" uuid REFERENCES "system_contracts"("id") ON DELETE cascade,
	"contract_year" integer NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"planned_date" date,
	"is_planned_by_hand" boolean DEFAULT false NOT NULL,
	"replan_reason" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"assignee_id" uuid REFERENCES "users"("id"),
	"ticket_id" uuid REFERENCES "tickets"("id"),
	"work_order_id" uuid REFERENCES "work_orders"("id"),
	"checklist_id" uuid REFERENCES "maintenance_checklists"("id"),
	"overdue_warned_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maintenance_rounds_status_check" CHECK ("maintenance_rounds"."status" in ('planned','in_progress','done','skipped')),
	CONSTRAINT "maintenance_rounds_window_check" CHECK ("maintenance_rounds"."window_end" >= "maintenance_rounds"."window_start"),
	CONSTRAINT "maintenance_rounds_source_check" CHECK (("maintenance_rounds"."service_contract_id" is null) <> ("maintenance_rounds"."system_contract_id" is null))
);
--> statement-breakpoint
CREATE INDEX "maintenance_rounds_customer_idx" ON "maintenance_rounds" USING btree ("customer_id","window_start");
--> statement-breakpoint
CREATE INDEX "maintenance_rounds_due_idx" ON "maintenance_rounds" USING btree ("status","window_end");
--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_rounds_work_order_key" ON "maintenance_rounds" USING btree ("work_order_id");
--> statement-breakpoint
CREATE TABLE "maintenance_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL REFERENCES "maintenance_rounds"("id") ON DELETE cascade,
	"item_key" text NOT NULL,
	"result" text NOT NULL,
	"note" text,
	"measurements" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ticket_id" uuid REFERENCES "tickets"("id"),
	"recorded_by_id" uuid REFERENCES "users"("id"),
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "maintenance_results_result_check" CHECK ("maintenance_results"."result" in ('done','problem','not_applicable'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_results_item_key" ON "maintenance_results" USING btree ("round_id","item_key");
--> statement-breakpoint
CREATE TABLE "maintenance_profiles" (
	"customer_id" uuid PRIMARY KEY NOT NULL REFERENCES "customers"("id"),
	"calendar_id" uuid REFERENCES "calendars"("id"),
	"is_key_customer" boolean DEFAULT false NOT NULL,
	"backup_plan" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('critical_request','sla_warning','sla_breached','escalated','contract_renewal','password_change_reminder','cannot_solve_escalated','incident_stage','corrective_action_due','drill_due','maintenance_overdue'));
