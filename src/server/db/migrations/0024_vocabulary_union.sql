-- Branches developed side by side (maintenance, dispatch, designations) each re-created these checks with only their own
-- additions; the last to run would drop the others'. Re-create them from the complete vocabularies
-- (src/domain/notifications.ts, src/domain/timeline.ts, the customer document kinds).
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('critical_request','sla_warning','sla_breached','escalated','contract_renewal','password_change_reminder','cannot_solve_escalated','incident_stage','corrective_action_due','drill_due','maintenance_overdue','emergency_training_due'));
--> statement-breakpoint
ALTER TABLE "ticket_events" DROP CONSTRAINT "ticket_events_type_check";
--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_type_check" CHECK ("ticket_events"."type" in ('created','assigned','field_changed','status_changed','reply','note','phone_call','solution_proposed','attachment_added','on_site_arrival','manager_alerted','sla_warning','sla_breached','escalated','work_order','dispatch_override','remote_access_granted','password_change_reminder','cannot_solve_escalated','defect_reported','rma_recorded','written_confirmation'));
--> statement-breakpoint
ALTER TABLE "customer_documents" DROP CONSTRAINT "customer_documents_kind_check";
--> statement-breakpoint
ALTER TABLE "customer_documents" ADD CONSTRAINT "customer_documents_kind_check" CHECK ("customer_documents"."kind" in ('project_plan','technical_manual','maintenance_manual','project_summary','acceptance_report','service_agreement','contract','signed_quote','service_report','confidentiality_undertaking','other'));
