// In-app (and mailed) notifications as a typed protocol: each kind with the shape of its data.
// Services build them with `notification.<kind>(…)`; the database refuses any other kind
// (notifications_kind_check, generated from NOTIFICATION_KINDS).
import type { EscalationPath, RosterRung } from './cannot-solve.ts';
import type { EscalationLevel, SlaMetric } from './sla.ts';
import type { Severity } from './vocabulary.ts';

export const NOTIFICATION_KINDS = [
  'critical_request',
  'sla_warning',
  'sla_breached',
  'escalated',
  'contract_renewal',
  'password_change_reminder',
  'cannot_solve_escalated',
  'incident_stage',
  'corrective_action_due',
  'drill_due',
  'maintenance_overdue',
  'emergency_training_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationData = {
  critical_request: { severity: Severity };
  sla_warning: { metric: SlaMetric; dueAt: string | null };
  sla_breached: { metric: SlaMetric; dueAt: string };
  escalated: { level: number; levelName: EscalationLevel };
  contract_renewal: { contractId: string; customerId: string; customerName: string; endDate: string; daysBefore: number };
  /** To the customer's portal users when a request with remote access is resolved. */
  password_change_reminder: { grantCount: number };
  /** To the holder(s) of the rung an engineer escalated to. */
  cannot_solve_escalated: { path: EscalationPath; rung: RosterRung };
  /** A continuity stage of an emergency (001 2.7): these departments must now work by hand. */
  incident_stage: { incidentId: string; customerName: string; stage: '15m' | '3h'; dueAt: string; departments: string; isDrill: boolean };
  /** A corrective or preventive action after an incident (001 2.10 (3)) is due: to its owner. */
  corrective_action_due: { incidentId: string; actionId: string; customerName: string; description: string; dueDate: string };
  /** A plan has had no drill for six months (001 2.8 (2)): to the managers. */
  drill_due: { customerId: string; customerName: string; lastDrillAt: string | null };
  /** A routine maintenance round's window ended and it is not done (issue 13): to the account owner, once per round. */
  maintenance_overdue: { roundId: string; customerId: string; customerName: string; windowEnd: string; plannedDate: string | null };
  /** No emergency-team training yet this quarter (001 2.8 (1)): to the service department manager, once per quarter. */
  emergency_training_due: { customerId: string; customerName: string; quarter: string };
};

/** One notification's content: a discriminated union on `kind`. */
export type NotificationContent = { [K in NotificationKind]: { kind: K; data: NotificationData[K] } }[NotificationKind];

const make =
  <K extends NotificationKind>(kind: K) =>
  (data: NotificationData[K]) =>
    ({ kind, data }) as Extract<NotificationContent, { kind: K }>;

/** Constructors, one per kind: `notifyUsers(tx, deps, { userIds, ticketId, at, ...notification.slaWarning({…}) })`. */
export const notification = {
  criticalRequest: make('critical_request'),
  slaWarning: make('sla_warning'),
  slaBreached: make('sla_breached'),
  escalated: make('escalated'),
  contractRenewal: make('contract_renewal'),
  passwordChangeReminder: make('password_change_reminder'),
  cannotSolveEscalated: make('cannot_solve_escalated'),
  incidentStage: make('incident_stage'),
  correctiveActionDue: make('corrective_action_due'),
  drillDue: make('drill_due'),
  maintenanceOverdue: make('maintenance_overdue'),
  emergencyTrainingDue: make('emergency_training_due'),
} satisfies Record<string, (data: never) => NotificationContent>;
