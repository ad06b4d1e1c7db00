-- Issue 13 part B: satisfaction surveys (one per request), return-visit schedules and their records,
-- user meetings (用户座谈会), training sessions with their sign-in sheets, administrator certifications.
CREATE TABLE "satisfaction_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL REFERENCES "public"."tickets"("id"),
	"customer_id" uuid NOT NULL REFERENCES "public"."customers"("id"),
	"engineer_id" uuid REFERENCES "public"."users"("id"),
	"score" integer,
	"comment" text,
	"channel" text,
	"answered_by_id" uuid REFERENCES "public"."users"("id"),
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "satisfaction_surveys_score_check" CHECK ("satisfaction_surveys"."score" is null or ("satisfaction_surveys"."score" between 1 and 5)),
	CONSTRAINT "satisfaction_surveys_answer_check" CHECK (("satisfaction_surveys"."score" is null) = ("satisfaction_surveys"."answered_at" is null)),
	CONSTRAINT "satisfaction_surveys_channel_check" CHECK ("satisfaction_surveys"."channel" in ('portal','link'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_surveys_ticket_key" ON "satisfaction_surveys" USING btree ("ticket_id");
--> statement-breakpoint
CREATE INDEX "satisfaction_surveys_answered_idx" ON "satisfaction_surveys" USING btree ("answered_at");
--> statement-breakpoint
CREATE TABLE "return_visit_schedules" (
	"customer_id" uuid NOT NULL REFERENCES "public"."customers"("id"),
	"kind" text NOT NULL,
	"every_months" integer NOT NULL,
	"next_due_date" date NOT NULL,
	"updated_by_id" uuid REFERENCES "public"."users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "return_visit_schedules_customer_id_kind_pk" PRIMARY KEY("customer_id","kind"),
	CONSTRAINT "return_visit_schedules_every_check" CHECK ("return_visit_schedules"."every_months" between 1 and 24),
	CONSTRAINT "return_visit_schedules_kind_check" CHECK ("return_visit_schedules"."kind" in ('phone','inspection'))
);
--> statement-breakpoint
CREATE INDEX "return_visit_schedules_due_idx" ON "return_visit_schedules" USING btree ("next_due_date");
--> statement-breakpoint
CREATE TABLE "return_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL REFERENCES "public"."customers"("id"),
	"kind" text NOT NULL,
	"due_date" date NOT NULL,
	"visited_on" date NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"follow_up_ticket_id" uuid REFERENCES "public"."tickets"("id"),
	"recorded_by_id" uuid NOT NULL REFERENCES "public"."users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "return_visits_kind_check" CHECK ("return_visits"."kind" in ('phone','inspection')),
	CONSTRAINT "return_visits_outcome_check" CHECK ("return_visits"."outcome" in ('reached','not_reached','follow_up'))
);
--> statement-breakpoint
CREATE INDEX "return_visits_customer_idx" ON "return_visits" USING btree ("customer_id","visited_on");
--> statement-breakpoint
CREATE TABLE "user_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL REFERENCES "public"."customers"("id"),
	"meeting_date" date NOT NULL,
	"title" text NOT NULL,
	"attendees" jsonb NOT NULL,
	"minutes" text NOT NULL,
	"actions" jsonb NOT NULL,
	"created_by_id" uuid NOT NULL REFERENCES "public"."users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "user_meetings_customer_idx" ON "user_meetings" USING btree ("customer_id","meeting_date");
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL REFERENCES "public"."customers"("id"),
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"session_date" date NOT NULL,
	"lecturer_id" uuid NOT NULL REFERENCES "public"."users"("id"),
	"service_contract_id" uuid REFERENCES "public"."service_contracts"("id"),
	"quote_id" uuid REFERENCES "public"."quotes"("id"),
	"override_reason" text,
	"lecturer_signature" text,
	"sheet_scan" text,
	"sheet_scan_type" text,
	"signed_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL REFERENCES "public"."users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_sessions_kind_check" CHECK ("training_sessions"."kind" in ('standard_course','topic_course','implementation','certification','emergency_quarterly','admin_retraining'))
);
--> statement-breakpoint
CREATE INDEX "training_sessions_customer_idx" ON "training_sessions" USING btree ("customer_id","session_date");
--> statement-breakpoint
CREATE TABLE "training_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL REFERENCES "public"."training_sessions"("id"),
	"name" text NOT NULL,
	"contact_id" uuid REFERENCES "public"."contacts"("id"),
	"user_id" uuid REFERENCES "public"."users"("id"),
	"is_over_quota" boolean DEFAULT false NOT NULL,
	"signature" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "training_attendees_session_idx" ON "training_attendees" USING btree ("session_id","position");
--> statement-breakpoint
CREATE TABLE "admin_certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL REFERENCES "public"."customers"("id"),
	"person_name" text NOT NULL,
	"contact_id" uuid REFERENCES "public"."contacts"("id"),
	"certificate" text NOT NULL,
	"certified_on" date NOT NULL,
	"training_session_id" uuid REFERENCES "public"."training_sessions"("id"),
	"created_by_id" uuid NOT NULL REFERENCES "public"."users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "admin_certifications_customer_idx" ON "admin_certifications" USING btree ("customer_id","certified_on");
