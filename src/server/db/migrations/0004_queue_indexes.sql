DROP INDEX "tickets_assignee_status_idx";--> statement-breakpoint
CREATE INDEX "tickets_assignee_status_created_idx" ON "tickets" USING btree ("assignee_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_open_counts_idx" ON "tickets" USING btree ("status","assignee_id","severity") WHERE "tickets"."status" in ('new','acknowledged','in_progress','waiting_on_customer');