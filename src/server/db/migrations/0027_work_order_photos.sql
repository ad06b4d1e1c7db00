-- Photos taken on site (from the engineer's camera) and scanned signed forms (文字确认 on paper) of a work
-- order. The bytes live in the attachment store (features/attachments/file-store.ts); `client_id` is the
-- phone's id for the upload: an offline replay with the same id answers the first row, never a second.
CREATE TABLE "work_order_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" text DEFAULT 'photo' NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_order_photos_kind_check" CHECK ("work_order_photos"."kind" in ('photo','signed_form'))
);
--> statement-breakpoint
ALTER TABLE "work_order_photos" ADD CONSTRAINT "work_order_photos_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_order_photos" ADD CONSTRAINT "work_order_photos_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_photos_client_id_key" ON "work_order_photos" USING btree ("client_id");
--> statement-breakpoint
CREATE INDEX "work_order_photos_order_idx" ON "work_order_photos" USING btree ("work_order_id","created_at");
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "signed_form_id" uuid;
--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_signed_form_id_work_order_photos_id_fk" FOREIGN KEY ("signed_form_id") REFERENCES "public"."work_order_photos"("id") ON DELETE no action ON UPDATE no action;
