import type { Role } from './vocabulary.ts';

/**
 * Every authorization rule, in one pure module used by the server (services call `authorize()` in
 * `server/policy.ts`, which throws on `denial()`) and by the web (`useCan()` in
 * `web/components/session.tsx` hides what the server would refuse). A new rule is a new action here,
 * never a `role ===` test in a service or a page.
 */

/** Who is asking: all a decision needs (the web's signed-in user is one too). */
export type Subject = { role: Role; customerId: string | null };

/** Who is acting: a signed-in user (session cookie) or an integration (API token). */
export type Actor = Subject & {
  id: string;
  name: string;
  via: 'session' | 'token';
};

export const ACTIONS = [
  'ticket.create',
  'ticket.read',
  'ticket.update',
  'ticket.transition',
  'ticket.reply',
  'ticket.note',
  'ticket.attach',
  'ticket.read_internal',
  // Set assignee or team when opening a request (a hospital user's request goes to the desk first).
  'ticket.assign',
  // Phone work: log a call-back, open a request on the phone channel.
  'ticket.log_call',
  // Mark a public reply as the solution proposal (starts the customer's confirmation).
  'ticket.propose_solution',
  // Write on a closed or cancelled request (a hospital user opens a new one instead).
  'ticket.reply_after_close',
  // Confirm on the hospital's behalf, naming who confirmed (a hospital user confirms as itself).
  'ticket.confirm_on_behalf',
  'customer.create',
  'customer.read',
  'customer.update',
  'customer.list',
  'contact.create',
  'user.create',
  'user.update',
  'user.list_all',
  'user.list_staff',
  'audit.read',
  'token.manage',
  'sla.read',
  'sla.manage',
  'notification.read',
  // Customer archive and contracts (features/archive, contracts, visits): a customer user reads its
  // own archive, contracts, entitlement and visits; internal notes and economic notes are staff-only.
  'archive.read',
  'archive.read_internal',
  'archive.manage',
  // Spreadsheet import of customers, contacts and modules (features/imports): who manages the archive.
  'archive.import',
  'contract.read',
  'contract.manage',
  // Serve a customer the rules say not to (case 1 after the letter's deadline, no genuine licence), with a reason: managers.
  'entitlement.override',
  'tier.manage',
  'visit.read',
  'visit.create',
  'quote.read',
  'quote.manage',
  // The spare-parts price list (000) and the prices in Settings (003's after-warranty expert rate).
  'spare_part.read',
  'spare_part.manage',
  'price_setting.manage',
  // Scheduled work and its failures (src/server/jobs): administrators only.
  'jobs.read',
  // Remote access grants (features/remote-access): the customer grants access to its own request, staff
  // record a grant on its behalf; the secret is revealed only to the request's assigned engineers (the
  // service checks who is assigned), each reveal audited.
  'remote_access.read',
  'remote_access.grant',
  'remote_access.revoke',
  'remote_access.reveal',
  'remote_access.log_session',
  // "Escalate: cannot solve", the roster of who holds each rung, defect hand-offs to R&D, RMA records.
  'escalation.read',
  'escalation.create',
  'escalation.record_reproduction',
  'escalation_roster.manage',
  'defect_report.create',
  'rma.read',
  'rma.manage',
  // The emergency plan (应急预案) and major incidents (features/emergency). Plans are kept by admins and
  // managers; staff declare and work incidents; activating the plan (2.5 step 3) is a manager's, or a member
  // of the plan's vendor team (mayActivatePlan); a hospital user reads its own incidents without internal notes.
  'emergency_plan.read',
  'emergency_plan.manage',
  'incident.read',
  'incident.read_internal',
  'incident.declare',
  'incident.work',
  'incident.activate',
  // Service quality (issue 13 part B): a hospital's users answer the satisfaction survey of their own
  // confirmed requests; staff issue survey links and read the results; agents work the return-visit call
  // list; staff keep user meetings, training sessions with their sign-in sheets and certifications; only
  // managers may let a retraining beyond the quota through without a quote.
  'survey.answer',
  'survey.issue_link',
  'survey.read_results',
  'return_visit.read',
  'return_visit.manage',
  'user_meeting.read',
  'user_meeting.manage',
  'training.read',
  'training.manage',
  'training.override_quota',
  // Work orders (features/work-orders): staff dispatch and work them (an engineer only the orders it is
  // on, unless it may act for others); a customer user reads its own and their service reports.
  'work_order.read',
  'work_order.create',
  'work_order.work',
  'work_order.act_for_others',
  // Dispatch a customer without entitlement and without a signed quote, with a reason on the timeline.
  'work_order.override_dispatch',
  // Photos and scans of a visit still in progress: staff only; a hospital's users see those of its own
  // signed-off visits (work_order.read).
  'work_order.read_unsigned_files',
  // Routine maintenance (features/maintenance): staff plan, start and record rounds; a customer user reads
  // its own organisation's rounds and their reports; admins edit the checklists A/B/C (new versions).
  'maintenance.read',
  'maintenance.work',
  'maintenance.manage_checklists',
  // Skip a round not started (customer declined, hospital closed, merged with another visit): the service desk.
  'maintenance.skip',
  // The system operation assessment (000 G): staff fill it in; a customer user reads its own (maintenance.read).
  'maintenance.assess',
  // The dispatch board (features/dispatch): the service desk plans who goes where on which day.
  'work_order.dispatch',
  // Field settings: the default on-site checklist new work orders copy (administrators).
  'field_settings.manage',
  // An engineer's own iCalendar feed (secret URL): create, rotate, revoke.
  'calendar_feed.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Resources carry the organisation they belong to; customer users are confined to their own. */
export type Resource = { customerId?: string | null };

/** Everyone on the service side works requests: read, reply, note, attach, move them on. */
const WORK_REQUESTS: readonly Action[] = [
  'ticket.create',
  'ticket.read',
  'ticket.update',
  'ticket.transition',
  'ticket.reply',
  'ticket.note',
  'ticket.attach',
  'ticket.read_internal',
  'ticket.assign',
  'ticket.log_call',
  'ticket.propose_solution',
  'ticket.reply_after_close',
  'ticket.confirm_on_behalf',
  'customer.read',
  'customer.list',
  'user.list_staff',
  'token.manage',
  'sla.read',
  'notification.read',
  // Engineers go on site: they read the archive and register visits, but sign no contracts.
  'archive.read',
  'archive.read_internal',
  'contract.read',
  'visit.read',
  'visit.create',
  'quote.read',
  'remote_access.read',
  'remote_access.grant',
  'remote_access.revoke',
  'remote_access.reveal',
  'remote_access.log_session',
  'calendar_feed.manage',
  'escalation.read',
  'escalation.create',
  'escalation.record_reproduction',
  'defect_report.create',
  'rma.read',
  'rma.manage',
  'emergency_plan.read',
  'incident.read',
  'incident.read_internal',
  'incident.declare',
  'incident.work',
  'survey.issue_link',
  'survey.read_results',
  'return_visit.read',
  'return_visit.manage',
  'user_meeting.read',
  'user_meeting.manage',
  'training.read',
  'training.manage',
  'work_order.read',
  'work_order.create',
  'work_order.work',
  'work_order.read_unsigned_files',
  'spare_part.read',
  'maintenance.read',
  'maintenance.work',
  'maintenance.assess',
];

/** The service desk (agents and managers) also keeps the customer archive and its contracts. */
const KEEP_ARCHIVE: readonly Action[] = [
  'customer.create',
  'customer.update',
  'contact.create',
  'archive.manage',
  'archive.import',
  'contract.manage',
  'quote.manage',
];

const STAFF_ACTIONS: Record<Exclude<Role, 'customer'>, ReadonlySet<Action> | 'all'> = {
  admin: 'all',
  manager: new Set<Action>([
    ...WORK_REQUESTS,
    ...KEEP_ARCHIVE,
    'audit.read',
    'sla.manage',
    'entitlement.override',
    'emergency_plan.manage',
    'incident.activate',
    'training.override_quota',
    'work_order.act_for_others',
    'work_order.override_dispatch',
    'spare_part.manage',
    'price_setting.manage',
    'work_order.dispatch',
    'maintenance.skip',
  ]),
  agent: new Set<Action>([...WORK_REQUESTS, ...KEEP_ARCHIVE, 'work_order.dispatch', 'maintenance.skip']),
  engineer: new Set<Action>(WORK_REQUESTS),
};

const CUSTOMER_ACTIONS = new Set<Action>([
  'ticket.create',
  'ticket.read',
  'ticket.transition',
  'ticket.reply',
  'ticket.attach',
  'customer.read',
  'token.manage',
  'notification.read',
  'archive.read',
  'contract.read',
  'visit.read',
  'quote.read',
  'remote_access.read',
  'remote_access.grant',
  'remote_access.revoke',
  'incident.read',
  'survey.answer',
  'training.read',
  'work_order.read',
  'maintenance.read',
]);

// Actions on a specific organisation's data: a customer user may only touch its own.
const SCOPED_ACTIONS = new Set<Action>([
  'ticket.create',
  'ticket.read',
  'ticket.transition',
  'ticket.reply',
  'ticket.attach',
  'customer.read',
  'archive.read',
  'contract.read',
  'visit.read',
  'quote.read',
  'remote_access.read',
  'remote_access.grant',
  'remote_access.revoke',
  'incident.read',
  'survey.answer',
  'training.read',
  'work_order.read',
  'maintenance.read',
]);

/** The service side (every role but a hospital's own users): the staff app rather than the portal. */
export function isStaff(subject: Subject): boolean {
  return subject.role !== 'customer';
}

export function can(subject: Subject, action: Action, resource?: Resource): boolean {
  if (subject.role === 'customer') {
    if (!CUSTOMER_ACTIONS.has(action)) return false;
    if (SCOPED_ACTIONS.has(action)) {
      return resource !== undefined && resource.customerId === subject.customerId && subject.customerId !== null;
    }
    return true;
  }
  const allowed = STAFF_ACTIONS[subject.role];
  return allowed === 'all' || allowed.has(action);
}

/**
 * Why an action is refused, or null when it is allowed. A customer user asking about another
 * organisation's resource is told it does not exist (`not_found`), so ids of other hospitals'
 * requests leak nothing.
 */
export function denial(subject: Subject, action: Action, resource?: Resource): 'not_found' | 'forbidden' | null {
  if (can(subject, action, resource)) return null;
  if (subject.role === 'customer' && resource && resource.customerId !== subject.customerId) return 'not_found';
  return 'forbidden';
}

/** The organisation a list must be confined to: null for staff (every customer), undefined for a customer user without one (refuse). */
export function listScope(subject: Subject): string | null | undefined {
  if (subject.role !== 'customer') return null;
  return subject.customerId ?? undefined;
}

/**
 * 2.5 step 3: the plan is activated by the service department manager; a member of the plan's vendor
 * team (leader, deputies, members) may do it too. `vendorTeam` are the plan's user ids.
 */
export function mayActivatePlan(actor: Subject & { id: string }, vendorTeam: readonly string[]): boolean {
  return can(actor, 'incident.activate') || (isStaff(actor) && vendorTeam.includes(actor.id));
}

/** Quotes a customer user may see: those sent to them (a draft's prices are the vendor's working copy). */
export function isQuoteVisibleTo(actor: Subject, quote: { sentAt: Date | null }): boolean {
  return actor.role !== 'customer' || quote.sentAt !== null;
}

/** Staff notes (`notes`/`note`) are blanked for anyone who may not read the archive's internal side. */
export function withoutStaffNotes<T extends { notes?: string | null } | { note?: string | null }>(actor: Subject, row: T): T {
  if (can(actor, 'archive.read_internal')) return row;
  return { ...row, ...('notes' in row ? { notes: null } : {}), ...('note' in row ? { note: null } : {}) };
}
