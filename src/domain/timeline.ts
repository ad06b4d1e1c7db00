// The tracking card's timeline as a typed protocol: every event type with the shape of its data.
// Services build events with `timeline.<type>(…)`; the database refuses any other type
// (ticket_events_type_check, generated from TIMELINE_EVENT_TYPES); the API and the web read `type`
// as this union. A new event type is added here, in the web's timeline and in a migration that
// re-creates the check (see docs/architecture.md, "Typed protocols").

import type { EscalationPath, RosterRung } from './cannot-solve.ts';
import type { WorkOrderType } from './field/work-orders.ts';
import type { RemoteAccessMethod } from './remote-access.ts';
import type { EscalationLevel, SlaMetric } from './sla.ts';
import type { Channel, Severity, Status, Team } from './vocabulary.ts';

export const TIMELINE_EVENT_TYPES = [
  'created',
  'assigned',
  'field_changed',
  'status_changed',
  'reply',
  'note',
  'phone_call',
  'solution_proposed',
  'attachment_added',
  'on_site_arrival',
  'manager_alerted',
  'sla_warning',
  'sla_breached',
  'escalated',
  'work_order',
  'dispatch_override',
  'remote_access_granted',
  'password_change_reminder',
  'cannot_solve_escalated',
  'defect_reported',
  'rma_recorded',
  'written_confirmation',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

type Person = { id: string; name: string };

/** The data each event type carries (jsonb `data`); body and internal flag are the row's own columns. */
export type TimelineData = {
  created: { channel: Channel; severity: Severity };
  assigned: { assignee: Person | null; team: Team | null };
  field_changed: { changes: Record<string, { from: unknown; to: unknown }> };
  status_changed: { from: Status; to: Status; resolution?: string; confirmedByName?: string | null; isAutomatic?: true };
  reply: Record<string, never>;
  note: Record<string, never>;
  phone_call: Record<string, never>;
  solution_proposed: Record<string, never>;
  attachment_added: { attachmentId: string; fileName: string; sizeBytes: number };
  on_site_arrival: Record<string, never>;
  manager_alerted: { userCount: number };
  sla_warning: { metric: SlaMetric; dueAt: string | null };
  sla_breached: { metric: SlaMetric; dueAt: string };
  escalated: { level: number; levelName: EscalationLevel; reason: SlaMetric };
  /** A work order (派工单) of the request moved: created, checked in/out, signed off, cancelled. */
  work_order: {
    workOrderId: string;
    number: string;
    type: WorkOrderType;
    step: 'created' | 'assigned' | 'checked_in' | 'checked_out' | 'signed_off' | 'cancelled';
  };
  /** A manager dispatched a customer without entitlement and without a signed quote; the reason is the body. */
  dispatch_override: { workOrderId: string; number: string };
  /** Never the secret: what, until when, granted by whom. */
  remote_access_granted: { grantId: string; method: RemoteAccessMethod; validFrom: string; validUntil: string; grantedByName: string };
  /** On resolving a request that had remote access: the customer is asked to change the password. */
  password_change_reminder: { grantCount: number };
  /** The reason is the event's body (internal). */
  cannot_solve_escalated: { escalationId: string; path: EscalationPath; rung: RosterRung; assignee: Person | null };
  /** The summary is the event's body (internal). */
  defect_reported: { defectReportId: string; escalationId: string | null };
  rma_recorded: { rmaId: string; manufacturer: string; change: 'created' | 'updated' };
  /** The customer confirmed the proposed solution in writing (002 四(二)); may start the on-site clock. */
  written_confirmation: { confirmedByName: string; confirmedAt: string; startsOnSiteClock: boolean };
};

/** One timeline event as written: a discriminated union on `type`. */
export type TimelineEvent = {
  [T in TimelineEventType]: { type: T; data: TimelineData[T]; body?: string | null; isInternal?: boolean };
}[TimelineEventType];

const make =
  <T extends TimelineEventType>(type: T, defaults: { isInternal?: boolean } = {}) =>
  (data: TimelineData[T], extra: { body?: string | null; isInternal?: boolean } = {}) =>
    ({ type, data, ...defaults, ...extra }) as Extract<TimelineEvent, { type: T }>;

const EMPTY = {} as Record<string, never>;
const message =
  <T extends 'reply' | 'note' | 'phone_call' | 'solution_proposed' | 'on_site_arrival'>(type: T, isInternal = false) =>
  (body: string | null) =>
    ({ type, data: EMPTY, body, isInternal }) as Extract<TimelineEvent, { type: T }>;

/** Constructors, one per event type: `insertEvent(tx, { ticketId, actorId, createdAt, ...timeline.created({…}) })`. */
export const timeline = {
  created: make('created'),
  assigned: make('assigned'),
  fieldChanged: make('field_changed'),
  statusChanged: make('status_changed'),
  reply: message('reply'),
  note: message('note', true),
  phoneCall: message('phone_call'),
  solutionProposed: message('solution_proposed'),
  attachmentAdded: make('attachment_added'),
  onSiteArrival: message('on_site_arrival'),
  managerAlerted: make('manager_alerted', { isInternal: true }),
  slaWarning: make('sla_warning', { isInternal: true }),
  slaBreached: make('sla_breached', { isInternal: true }),
  escalated: make('escalated', { isInternal: true }),
  workOrder: make('work_order'),
  dispatchOverride: make('dispatch_override', { isInternal: true }),
  remoteAccessGranted: make('remote_access_granted'),
  passwordChangeReminder: make('password_change_reminder'),
  cannotSolveEscalated: make('cannot_solve_escalated', { isInternal: true }),
  defectReported: make('defect_reported', { isInternal: true }),
  rmaRecorded: make('rma_recorded', { isInternal: true }),
  writtenConfirmation: make('written_confirmation'),
} satisfies Record<string, (...args: never[]) => TimelineEvent>;

/** Narrows a stored event (type and data read back from the database) to its kind. */
export function isTimelineEvent<T extends TimelineEventType>(
  event: { type: string; data: unknown },
  type: T,
): event is { type: T; data: TimelineData[T] } {
  return event.type === type;
}
