-- Staff designations (001 2.2): the vendor's emergency team of a new plan is filled from them.
ALTER TABLE "users" ADD COLUMN "designation" text;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_designation_check" CHECK ("users"."designation" in ('general_manager','service_director','technical_director','service_department_manager','technical_backbone'));
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_designation_staff_check" CHECK ("users"."designation" is null or "users"."role" <> 'customer');
--> statement-breakpoint
-- The default departments' stable keys (their labels are in the web's zh-CN/en resources); custom ones stay null.
ALTER TABLE "incident_departments" ADD COLUMN "key" text;
--> statement-breakpoint
ALTER TABLE "incident_departments" ADD CONSTRAINT "incident_departments_key_check" CHECK ("incident_departments"."key" in ('outpatient_registration','admission_registration','outpatient_billing','emergency_billing','outpatient_pharmacy','inpatient_pharmacy','nurse_stations','operating_rooms','medical_examinations'));
--> statement-breakpoint
UPDATE "incident_departments" d SET "key" = m.key FROM (VALUES
  ('门诊挂号', 'outpatient_registration'), ('住院登记', 'admission_registration'), ('门诊收费', 'outpatient_billing'),
  ('急诊收费', 'emergency_billing'), ('门诊药房', 'outpatient_pharmacy'), ('住院药房', 'inpatient_pharmacy'),
  ('护士站', 'nurse_stations'), ('手术室', 'operating_rooms'), ('医技检查', 'medical_examinations')
) AS m(name, key) WHERE d."name" = m.name;
--> statement-breakpoint
-- The quarter (YYYY-Qn) whose emergency-training reminder was sent for the plan: once per quarter.
ALTER TABLE "emergency_plans" ADD COLUMN "training_reminded_quarter" text;
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('critical_request','sla_warning','sla_breached','escalated','contract_renewal','password_change_reminder','cannot_solve_escalated','incident_stage','corrective_action_due','drill_due','emergency_training_due'));
