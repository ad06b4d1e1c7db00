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
} satisfies Record<string, (data: never) => NotificationContent>;
