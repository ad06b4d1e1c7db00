-- Issue 11, field service: the dispatch board's optimistic version on work orders (two dispatchers
-- dragging one order: the second gets 409), per-engineer iCalendar feeds (only a hash of the secret
-- token is stored; one live feed per user) and the admin-editable default on-site checklist.
ALTER TABLE "work_orders" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_idx" ON "calendar_feeds" USING btree ("token_hash");
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_live_user_idx" ON "calendar_feeds" USING btree ("user_id") WHERE "revoked_at" IS NULL;
--> statement-breakpoint
CREATE TABLE "field_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"default_checklist" jsonb NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_settings_singleton" CHECK ("id"),
	CONSTRAINT "field_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action
);
