-- Branches developed side by side (work orders, remote access, the emergency plan) each re-created these two
-- checks with only their own additions; the last one to run would drop the others'. Re-create both
-- from the complete vocabularies (src/domain/timeline.ts, src/domain/notifications.ts).
ALTER TABLE "ticket_events" DROP CONSTRAINT "ticket_events_type_check";
--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_type_check" CHECK ("ticket_events"."type" in ('created','assigned','field_changed','status_changed','reply','note','phone_call','solution_proposed','attachment_added','on_site_arrival','manager_alerted','sla_warning','sla_breached','escalated','work_order','dispatch_override','remote_access_granted','password_change_reminder','cannot_solve_escalated','defect_reported','rma_recorded'));
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('critical_request','sla_warning','sla_breached','escalated','contract_renewal','password_change_reminder','cannot_solve_escalated','incident_stage','corrective_action_due','drill_due'));
