-- The hospital emergency plan (应急预案, 001 第二部分) and major incidents run from it: plans with their
-- versions, incidents with continuity stages (15 min / 3 h), departments and their 补录, checklists, timeline.
-- A new notification kind (incident_stage) re-creates notifications_kind_check.
CREATE TABLE "emergency_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL REFERENCES "customers"("id"),
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"last_drill_at" timestamp with time zone,
	"drill_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_plans_version_check" CHECK ("emergency_plans"."version" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plans_customer_key" ON "emergency_plans" USING btree ("customer_id");
--> statement-breakpoint
CREATE TABLE "emergency_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL REFERENCES "emergency_plans"("id"),
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"changed_by_id" uuid NOT NULL REFERENCES "users"("id"),
	"changed_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plan_versions_key" ON "emergency_plan_versions" USING btree ("plan_id","version");
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL REFERENCES "tickets"("id"),
	"customer_id" uuid NOT NULL REFERENCES "customers"("id"),
	"plan_id" uuid NOT NULL REFERENCES "emergency_plans"("id"),
	"plan_version" integer NOT NULL,
	"trigger" integer NOT NULL,
	"measure_level" text NOT NULL,
	"status" text NOT NULL,
	"is_drill" boolean DEFAULT false NOT NULL,
	"failed_at" timestamp with time zone NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	"declared_by_id" uuid NOT NULL REFERENCES "users"("id"),
	"scope" text DEFAULT '' NOT NULL,
	"impact" text DEFAULT '' NOT NULL,
	"activated_at" timestamp with time zone,
	"recovered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cause" text DEFAULT '' NOT NULL,
	"actions_taken" text DEFAULT '' NOT NULL,
	"prevention" text DEFAULT '' NOT NULL,
	"accountability" text DEFAULT '' NOT NULL,
	"drill_participants" text DEFAULT '' NOT NULL,
	"drill_evaluation" text DEFAULT '' NOT NULL,
	CONSTRAINT "incidents_trigger_check" CHECK ("incidents"."trigger" between 1 and 6),
	CONSTRAINT "incidents_measure_level_check" CHECK ("incidents"."measure_level" in ('critical','urgent')),
	CONSTRAINT "incidents_status_check" CHECK ("incidents"."status" in ('open','recovered','closed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_one_open_per_ticket" ON "incidents" USING btree ("ticket_id") WHERE "incidents"."status" <> 'closed';
--> statement-breakpoint
CREATE INDEX "incidents_customer_idx" ON "incidents" USING btree ("customer_id","declared_at");
--> statement-breakpoint
CREATE TABLE "incident_stages" (
	"incident_id" uuid NOT NULL REFERENCES "incidents"("id"),
	"stage" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"recorded_at" timestamp with time zone,
	"departments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "incident_stages_incident_id_stage_pk" PRIMARY KEY("incident_id","stage"),
	CONSTRAINT "incident_stages_stage_check" CHECK ("incident_stages"."stage" in ('15m','3h'))
);
--> statement-breakpoint
CREATE INDEX "incident_stages_due_idx" ON "incident_stages" USING btree ("due_at") WHERE "incident_stages"."fired_at" is null;
--> statement-breakpoint
CREATE TABLE "incident_departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL REFERENCES "incidents"("id"),
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"stage" text NOT NULL,
	"manual_from" timestamp with time zone,
	"back_at" timestamp with time zone,
	"reentry_state" text DEFAULT 'pending' NOT NULL,
	"reentry_engineer_id" uuid REFERENCES "users"("id"),
	"reentry_started_at" timestamp with time zone,
	"reentry_done_at" timestamp with time zone,
	"reentry_note" text DEFAULT '' NOT NULL,
	"waived_reason" text,
	CONSTRAINT "incident_departments_stage_check" CHECK ("incident_departments"."stage" in ('15m','3h')),
	CONSTRAINT "incident_departments_reentry_state_check" CHECK ("incident_departments"."reentry_state" in ('pending','started','done','waived'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "incident_departments_key" ON "incident_departments" USING btree ("incident_id","name");
--> statement-breakpoint
CREATE TABLE "incident_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL REFERENCES "incidents"("id"),
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"text" jsonb NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_id" uuid REFERENCES "users"("id"),
	"note" text,
	CONSTRAINT "incident_items_kind_check" CHECK ("incident_items"."kind" in ('activation','playbook','measure'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "incident_items_key" ON "incident_items" USING btree ("incident_id","kind","position");
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL REFERENCES "incidents"("id"),
	"actor_id" uuid REFERENCES "users"("id"),
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"is_internal" boolean DEFAULT false NOT NULL,
	"body" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "incident_events_type_check" CHECK ("incident_events"."type" in ('declared','item_done','stage_fired','department_back','recovered','reentry','note','closed'))
);
--> statement-breakpoint
CREATE INDEX "incident_events_incident_idx" ON "incident_events" USING btree ("incident_id","id");
--> statement-breakpoint
CREATE TABLE "incident_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL REFERENCES "incidents"("id"),
	"description" text NOT NULL,
	"owner_id" uuid NOT NULL REFERENCES "users"("id"),
	"due_date" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_note" text,
	"reminded_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "incident_actions_incident_idx" ON "incident_actions" USING btree ("incident_id");
--> statement-breakpoint
CREATE INDEX "incident_actions_due_idx" ON "incident_actions" USING btree ("due_date") WHERE "incident_actions"."done_at" is null;
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('critical_request','sla_warning','sla_breached','escalated','contract_renewal','incident_stage','corrective_action_due','drill_due'));
