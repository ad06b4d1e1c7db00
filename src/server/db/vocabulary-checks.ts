// CHECK constraints generated from the domain's vocabularies: schema.ts builds each check from the
// TypeScript array here, migrations write the same list, and vocabulary-checks.test.ts compares the
// migrated database's constraints (pg_constraint) with these arrays, so the three cannot drift.
// Named `<table>_<column>_check` (older ones keep the names their migrations gave them).
import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, check } from 'drizzle-orm/pg-core';
import { ESCALATION_PATHS, RMA_OUTCOMES, ROSTER_RUNGS } from '../../domain/cannot-solve.ts';
import {
  ACCEPTANCE_STATES,
  CONFIG_ITEM_KINDS,
  DOCUMENT_KINDS,
  FINANCES,
  HANDOVER_ITEMS,
  QUOTE_STATES,
  ROUTINE_FREQUENCIES,
  SERVICE_WINDOWS,
  URGE_LETTER_METHODS,
  WARRANTY_EXCLUSIONS,
} from '../../domain/contracts/vocabulary.ts';
import {
  CONTINUITY_STAGES,
  INCIDENT_EVENT_TYPES,
  INCIDENT_ITEM_KINDS,
  INCIDENT_STATUSES,
  MEASURE_LEVELS,
  REENTRY_STATES,
} from '../../domain/emergency/incident.ts';
import { DEPARTMENT_KEYS } from '../../domain/emergency/template.ts';
import {
  APPROVAL_METHODS,
  TRANSPORTS,
  VISIT_TYPES,
  WORK_ORDER_FILE_KINDS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
} from '../../domain/field/work-orders.ts';
import { ITEM_RESULTS } from '../../domain/maintenance/checklist.ts';
import { ROUND_STATUSES, SKIP_REASONS } from '../../domain/maintenance/schedule.ts';
import { NOTIFICATION_KINDS } from '../../domain/notifications.ts';
import { REMOTE_ACCESS_METHODS } from '../../domain/remote-access.ts';
import { RETURN_VISIT_KINDS, RETURN_VISIT_OUTCOMES, SURVEY_CHANNELS, TRAINING_KINDS } from '../../domain/service-quality/vocabulary.ts';
import { ON_SITE_STARTS } from '../../domain/sla/on-site.ts';
import { DISTANCE_CLASSES, ESCALATION_LEVELS, SLA_METRICS, TARGET_STATES } from '../../domain/sla.ts';
import { TIMELINE_EVENT_TYPES } from '../../domain/timeline.ts';
import {
  CAUSE_CATEGORIES,
  CHANNELS,
  CONTACT_ROLES,
  CONTENT_CATEGORIES,
  CUSTOMER_KINDS,
  HANDLING_APPROACHES,
  KINDS,
  ROLES,
  SERVICE_CLASSES,
  SEVERITIES,
  STAFF_DESIGNATIONS,
  STAGES,
  STATUSES,
  TEAMS,
} from '../../domain/vocabulary.ts';

/**
 * A clock no longer owed ends `not_needed` (issue 9 item 1, migration 0010 re-creates the state check);
 * listed here so this check already admits it. Remove once TARGET_STATES has it (the Set dedups).
 */
const STORED_TARGET_STATES = [...new Set([...TARGET_STATES, 'not_needed'])];

/** Escalation rungs are stored as their index on the ladder (0 engineer … 3 R&D). */
const ESCALATION_RUNGS = ESCALATION_LEVELS.map((_, rung) => rung);

/** Every vocabulary check: constraint name → the values its column may hold (null is always allowed). */
export const VOCABULARY_CHECKS = {
  users_role_check: ROLES,
  users_team_check: TEAMS,
  users_designation_check: STAFF_DESIGNATIONS,
  customers_kind_check: CUSTOMER_KINDS,
  customers_distance_class_check: DISTANCE_CLASSES,
  contacts_role_check: CONTACT_ROLES,
  tickets_status_check: STATUSES,
  tickets_severity_check: SEVERITIES,
  tickets_channel_check: CHANNELS,
  tickets_kind_check: KINDS,
  tickets_stage_check: STAGES,
  tickets_content_category_check: CONTENT_CATEGORIES,
  tickets_cause_category_check: CAUSE_CATEGORIES,
  tickets_team_check: TEAMS,
  tickets_escalation_level_check: ESCALATION_RUNGS,
  ticket_events_type_check: TIMELINE_EVENT_TYPES,
  sla_policies_content_category_check: CONTENT_CATEGORIES,
  ticket_sla_targets_metric_check: SLA_METRICS,
  ticket_sla_targets_state_check: STORED_TARGET_STATES,
  notifications_kind_check: NOTIFICATION_KINDS,
  customer_modules_state_check: ACCEPTANCE_STATES,
  configuration_items_kind_check: CONFIG_ITEM_KINDS,
  customer_documents_kind_check: DOCUMENT_KINDS,
  handover_items_item_check: HANDOVER_ITEMS,
  service_tiers_window_check: SERVICE_WINDOWS,
  service_tiers_routine_check: ROUTINE_FREQUENCIES,
  quotes_state_check: QUOTE_STATES,
  visits_type_check: VISIT_TYPES,
  work_orders_type_check: WORK_ORDER_TYPES,
  work_orders_status_check: WORK_ORDER_STATUSES,
  work_orders_transport_check: TRANSPORTS,
  work_orders_approval_method_check: APPROVAL_METHODS,
  incidents_measure_level_check: MEASURE_LEVELS,
  incidents_status_check: INCIDENT_STATUSES,
  incident_stages_stage_check: CONTINUITY_STAGES,
  incident_departments_stage_check: CONTINUITY_STAGES,
  incident_departments_reentry_state_check: REENTRY_STATES,
  incident_departments_key_check: DEPARTMENT_KEYS,
  incident_items_kind_check: INCIDENT_ITEM_KINDS,
  incident_events_type_check: INCIDENT_EVENT_TYPES,
  remote_access_grants_method_check: REMOTE_ACCESS_METHODS,
  escalation_roster_rung_check: ROSTER_RUNGS,
  ticket_escalations_path_check: ESCALATION_PATHS,
  ticket_escalations_rung_check: ROSTER_RUNGS,
  rma_records_outcome_check: RMA_OUTCOMES,
  satisfaction_surveys_channel_check: SURVEY_CHANNELS,
  return_visit_schedules_kind_check: RETURN_VISIT_KINDS,
  return_visits_kind_check: RETURN_VISIT_KINDS,
  return_visits_outcome_check: RETURN_VISIT_OUTCOMES,
  training_sessions_kind_check: TRAINING_KINDS,
  customer_projects_urge_letter_method_check: URGE_LETTER_METHODS,
  configuration_items_warranty_exclusion_check: WARRANTY_EXCLUSIONS,
  tickets_service_class_check: SERVICE_CLASSES,
  tickets_handling_approach_check: HANDLING_APPROACHES,
  sla_policies_customer_kind_check: CUSTOMER_KINDS,
  sla_policies_service_class_check: SERVICE_CLASSES,
  customers_finances_check: FINANCES,
  maintenance_rounds_status_check: ROUND_STATUSES,
  maintenance_rounds_skip_reason_check: SKIP_REASONS,
  maintenance_results_result_check: ITEM_RESULTS,
  sla_policies_on_site_start_check: ON_SITE_STARTS,
  work_order_photos_kind_check: WORK_ORDER_FILE_KINDS,
} as const satisfies Record<string, readonly (string | number)[]>;
export type VocabularyCheckName = keyof typeof VOCABULARY_CHECKS;

/** `'a','b','c'` (or `0,1,2`): the SQL list of a vocabulary, as a migration writes it. */
export function sqlList(values: readonly (string | number)[]): string {
  return values.map((v) => (typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`)).join(',');
}

/** `column in ('a','b')`: the condition of a vocabulary check. */
export function oneOf(column: AnyPgColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} in (${sql.raw(sqlList(values))})`;
}

/** A named vocabulary check for schema.ts: `vocabularyCheck('tickets_stage_check', t.stage)`. */
export function vocabularyCheck(name: VocabularyCheckName, column: AnyPgColumn) {
  return check(name, oneOf(column, VOCABULARY_CHECKS[name]));
}
