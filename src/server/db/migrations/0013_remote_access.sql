-- Issue 11 part B: remote access grants with their secrets encrypted at rest (AES-256-GCM, key id per row),
-- their session log, the "escalate: cannot solve" roster and escalations (with the reproduction test),
-- defect hand-offs to R&D, RMA records; new timeline event types and notification kinds.
CREATE TABLE "remote_access_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"method" text NOT NULL,
	"target" text,
	"granted_by_name" text NOT NULL,
	"granted_by_id" uuid,
	"recorded_by_id" uuid NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"secret_ciphertext" text,
	"secret_key_id" text,
	"secret_erased_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remote_access_grants_method_check" CHECK ("remote_access_grants"."method" in ('vpn','remote_desktop','dial_in','other')),
	CONSTRAINT "remote_access_grants_window_check" CHECK ("remote_access_grants"."valid_until" > "remote_access_grants"."valid_from"),
	CONSTRAINT "remote_access_grants_secret_check" CHECK (("remote_access_grants"."secret_ciphertext" is null) = ("remote_access_grants"."secret_key_id" is null))
);
--> statement-breakpoint
ALTER TABLE "remote_access_grants" ADD CONSTRAINT "remote_access_grants_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remote_access_grants" ADD CONSTRAINT "remote_access_grants_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remote_access_grants" ADD CONSTRAINT "remote_access_grants_granted_by_id_users_id_fk" FOREIGN KEY ("granted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remote_access_grants" ADD CONSTRAINT "remote_access_grants_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remote_access_grants" ADD CONSTRAINT "remote_access_grants_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "remote_access_grants_ticket_idx" ON "remote_access_grants" USING btree ("ticket_id","created_at");
--> statement-breakpoint
CREATE INDEX "remote_access_grants_sealed_idx" ON "remote_access_grants" USING btree ("valid_until") WHERE "remote_access_grants"."secret_ciphertext" is not null;
--> statement-breakpoint
CREATE TABLE "remote_access_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"engineer_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remote_access_sessions_times_check" CHECK ("remote_access_sessions"."ended_at" is null or "remote_access_sessions"."ended_at" >= "remote_access_sessions"."started_at")
);
--> statement-breakpoint
ALTER TABLE "remote_access_sessions" ADD CONSTRAINT "remote_access_sessions_grant_id_remote_access_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."remote_access_grants"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remote_access_sessions" ADD CONSTRAINT "remote_access_sessions_engineer_id_users_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "remote_access_sessions_grant_idx" ON "remote_access_sessions" USING btree ("grant_id","started_at");
--> statement-breakpoint
CREATE TABLE "escalation_roster" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rung" text NOT NULL,
	"product" text,
	"module" text,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "escalation_roster_rung_check" CHECK ("escalation_roster"."rung" in ('senior_engineer','product_manager','rnd'))
);
--> statement-breakpoint
ALTER TABLE "escalation_roster" ADD CONSTRAINT "escalation_roster_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_roster_entry_key" ON "escalation_roster" USING btree ("rung",coalesce("product", ''),coalesce("module", ''),"user_id");
--> statement-breakpoint
CREATE TABLE "ticket_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"path" text NOT NULL,
	"rung" text NOT NULL,
	"reason" text NOT NULL,
	"assignee_id" uuid,
	"repro_environment" text,
	"repro_steps" text,
	"repro_reproduced" boolean,
	"repro_recorded_by_id" uuid,
	"repro_recorded_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_escalations_path_check" CHECK ("ticket_escalations"."path" in ('on_site','remote')),
	CONSTRAINT "ticket_escalations_rung_check" CHECK ("ticket_escalations"."rung" in ('senior_engineer','product_manager','rnd')),
	CONSTRAINT "ticket_escalations_repro_check" CHECK (("ticket_escalations"."repro_reproduced" is null) = ("ticket_escalations"."repro_recorded_at" is null))
);
--> statement-breakpoint
ALTER TABLE "ticket_escalations" ADD CONSTRAINT "ticket_escalations_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_escalations" ADD CONSTRAINT "ticket_escalations_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_escalations" ADD CONSTRAINT "ticket_escalations_repro_recorded_by_id_users_id_fk" FOREIGN KEY ("repro_recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_escalations" ADD CONSTRAINT "ticket_escalations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "ticket_escalations_ticket_idx" ON "ticket_escalations" USING btree ("ticket_id","created_at");
--> statement-breakpoint
CREATE TABLE "defect_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"escalation_id" uuid,
	"reproduction" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "defect_reports" ADD CONSTRAINT "defect_reports_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "defect_reports" ADD CONSTRAINT "defect_reports_escalation_id_ticket_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."ticket_escalations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "defect_reports" ADD CONSTRAINT "defect_reports_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "defect_reports_ticket_idx" ON "defect_reports" USING btree ("ticket_id","created_at");
--> statement-breakpoint
CREATE TABLE "rma_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"manufacturer" text NOT NULL,
	"case_number" text,
	"sent_at" timestamp with time zone NOT NULL,
	"returned_at" timestamp with time zone,
	"outcome" text,
	"customer_told_at" timestamp with time zone,
	"new_deadline" date,
	"note" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rma_records_outcome_check" CHECK ("rma_records"."outcome" in ('repaired','replaced')),
	CONSTRAINT "rma_records_returned_check" CHECK ("rma_records"."returned_at" is null or "rma_records"."returned_at" >= "rma_records"."sent_at")
);
--> statement-breakpoint
ALTER TABLE "rma_records" ADD CONSTRAINT "rma_records_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "rma_records" ADD CONSTRAINT "rma_records_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "rma_records_ticket_idx" ON "rma_records" USING btree ("ticket_id","created_at");
--> statement-breakpoint
ALTER TABLE "ticket_events" DROP CONSTRAINT "ticket_events_type_check";
--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_type_check" CHECK ("ticket_events"."type" in ('created','assigned','field_changed','status_changed','reply','note','phone_call','solution_proposed','attachment_added','on_site_arrival','manager_alerted','sla_warning','sla_breached','escalated','remote_access_granted','password_change_reminder','cannot_solve_escalated','defect_reported','rma_recorded'));
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('critical_request','sla_warning','sla_breached','escalated','contract_renewal','password_change_reminder','cannot_solve_escalated'));
