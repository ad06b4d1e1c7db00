import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CalendarInput } from '../../domain/calendar/index.ts';
import type { EscalationPath, RmaOutcome, RosterRung } from '../../domain/cannot-solve.ts';
import type {
  AcceptanceState,
  ConfigItemKind,
  DocumentKind,
  Finances,
  HandoverItem,
  QuoteState,
  RoutineFrequency,
  ServiceWindow,
  UrgeLetterMethod,
  WarrantyExclusion,
} from '../../domain/contracts/vocabulary.ts';
import type { ReentryState } from '../../domain/emergency/continuity.ts';
import type { IncidentEventType, IncidentItemKind, IncidentStatus } from '../../domain/emergency/incident.ts';
import type { BilingualText, ContinuityStage, DepartmentKey, MeasureLevel, PlanContent } from '../../domain/emergency/template.ts';
import type {
  ApprovalMethod,
  ChecklistItem,
  PartUsed,
  Transport,
  VisitType,
  WorkOrderAction,
  WorkOrderFileKind,
  WorkOrderStatus,
  WorkOrderType,
} from '../../domain/field/work-orders.ts';
import type { JobSchedule } from '../../domain/jobs/schedule.ts';
import type { AssessmentSectionEntry } from '../../domain/maintenance/assessment.ts';
import type { BackupPlan, ItemResult, ChecklistItem as MaintenanceChecklistItem, Measurement } from '../../domain/maintenance/checklist.ts';
import type { RoundStatus, SkipReason } from '../../domain/maintenance/schedule.ts';
import type { NotificationKind } from '../../domain/notifications.ts';
import type { RemoteAccessMethod } from '../../domain/remote-access.ts';
import type { ReturnVisitKind, ReturnVisitOutcome, SurveyChannel, TrainingKind } from '../../domain/service-quality/vocabulary.ts';
import type { DistanceRule, OnSiteStart } from '../../domain/sla/on-site.ts';
import type { DistanceClass, EscalationLadder, PolicyTargets, SlaMetric, TargetState } from '../../domain/sla.ts';
import type { TimelineEventType } from '../../domain/timeline.ts';
import type {
  CauseCategory,
  Channel,
  ContactRole,
  ContentCategory,
  CustomerKind,
  HandlingApproach,
  Kind,
  Role,
  ServiceClass,
  Severity,
  StaffDesignation,
  Stage,
  Status,
  Team,
} from '../../domain/vocabulary.ts';
import { vocabularyCheck } from './vocabulary-checks.ts';

/** Full-text search tokens (see domain/search/segment.ts); written by the search repo, never read as a value. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').$type<CustomerKind>().notNull().default('hospital'),
    province: text('province').notNull(),
    city: text('city').notNull(),
    grade: text('grade'),
    address: text('address'),
    /** Where the hospital is relative to the vendor's service base: decides on-site arrival targets. */
    distanceClass: text('distance_class').$type<DistanceClass>().notNull().default('same_province'),
    /** Archive (客户档案): number of beds and notes on the hospital's finances (staff only). */
    beds: integer('beds'),
    economicNotes: text('economic_notes'),
    /** The named engineer responsible for the customer after acceptance (000); the default assignee at intake. */
    responsibleEngineerId: uuid('responsible_engineer_id').references((): AnyPgColumn => users.id),
    /** The tier recommendation's inputs (002 五(一)): the hospital's IT staff and its finances (staff only). */
    itStaffCount: integer('it_staff_count'),
    finances: text('finances').$type<Finances>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_name_key').on(t.name),
    vocabularyCheck('customers_kind_check', t.kind),
    vocabularyCheck('customers_distance_class_check', t.distanceClass),
    check('customers_beds_check', sql`${t.beds} is null or ${t.beds} >= 0`),
    check('customers_it_staff_count_check', sql`${t.itStaffCount} is null or ${t.itStaffCount} >= 0`),
    vocabularyCheck('customers_finances_check', t.finances),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    role: text('role').$type<ContactRole>().notNull().default('other'),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('contacts_customer_idx').on(t.customerId), vocabularyCheck('contacts_role_check', t.role)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    team: text('team').$type<Team>(),
    /** 001 2.2: the staff user's designation (general manager … technical backbone); customers have none. */
    designation: text('designation').$type<StaffDesignation>(),
    passwordHash: text('password_hash').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    locale: text('locale').notNull().default('zh-CN'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    vocabularyCheck('users_role_check', t.role),
    vocabularyCheck('users_team_check', t.team),
    vocabularyCheck('users_designation_check', t.designation),
    check('users_designation_staff_check', sql`${t.designation} is null or ${t.role} <> 'customer'`),
    // A customer user belongs to exactly one organisation; staff belong to none.
    check('users_customer_scope_check', sql`(${t.role} = 'customer') = (${t.customerId} is not null)`),
  ],
);

/** Login attempts per key (address + account) in the current window: shared by every app process. */
export const rateLimitHits = pgTable('rate_limit_hits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
});

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

export const ticketCounters = pgTable('ticket_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** Gapless yearly sequences of numbered documents (series `quote`: BJ-2026-0001), one row per series and year. */
export const documentCounters = pgTable(
  'document_counters',
  {
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.year] }), check('document_counters_last_check', sql`${t.last} > 0`)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    channel: text('channel').$type<Channel>().notNull(),
    kind: text('kind').$type<Kind>().notNull(),
    stage: text('stage').$type<Stage>().notNull().default('after_sale'),
    contentCategory: text('content_category').$type<ContentCategory>(),
    causeCategory: text('cause_category').$type<CauseCategory>(),
    severity: text('severity').$type<Severity>().notNull(),
    module: text('module'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status').$type<Status>().notNull().default('new'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    team: text('team').$type<Team>(),
    resolutionSummary: text('resolution_summary'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedById: uuid('confirmed_by_id').references(() => users.id),
    confirmedByName: text('confirmed_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    firstRespondedAt: timestamp('first_responded_at', { withTimezone: true }),
    slaPolicyId: uuid('sla_policy_id').references((): AnyPgColumn => slaPolicies.id),
    /** Rung of the escalation ladder: 0 engineer, 1 senior engineer, 2 product technical manager, 3 R&D. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** When the next rung of the policy's escalation ladder is owed (null: none scheduled); the SLA tick's third timer. */
    escalationDueAt: timestamp('escalation_due_at', { withTimezone: true }),
    /** 003's service class (general fault, catastrophic fault, routine maintenance, upgrade/patch). */
    serviceClass: text('service_class').$type<ServiceClass>(),
    /** How it will be handled, decided with the customer at intake (000). */
    handlingApproach: text('handling_approach').$type<HandlingApproach>(),
    /** Came in under a tier with priority on major issues (002: Diamond), from the contract in force that day. */
    majorPriority: boolean('major_priority').notNull().default(false),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    /** Title, customer, description, resolution and public replies as search tokens; kept in step by the services. */
    searchVector: tsvector('search_vector'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tickets_number_key').on(t.number),
    index('tickets_search_idx').using('gin', t.searchVector),
    index('tickets_status_created_idx').on(t.status, t.createdAt, t.id),
    index('tickets_customer_created_idx').on(t.customerId, t.createdAt, t.id),
    // "Mine" and "unassigned" views: equality on assignee and status, newest first without a sort.
    index('tickets_assignee_status_created_idx').on(t.assigneeId, t.status, t.createdAt, t.id),
    // The queue header's open counts (mine, unassigned critical, waiting) from the index alone.
    index('tickets_open_counts_idx')
      .on(t.status, t.assigneeId, t.severity)
      .where(sql`${t.status} in ('new','acknowledged','in_progress','waiting_on_customer')`),
    index('tickets_created_idx').on(t.createdAt, t.id),
    // The SLA tick's ladder timer: requests whose next escalation rung is owed.
    index('tickets_escalation_due_idx').on(t.escalationDueAt).where(sql`${t.escalationDueAt} is not null`),
    // Queue sorts: most recently updated; most severe first, newest first within a severity (the repo's severityRank).
    index('tickets_updated_idx').on(t.updatedAt, t.id),
    index('tickets_severity_created_idx').on(
      sql`(case ${t.severity} when 'critical' then 0 when 'urgent' then 1 else 2 end)`,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // The queue's default order: severity, then Diamond's open critical/urgent requests, newest first (the repo's priorityRank).
    index('tickets_priority_created_idx').on(
      sql`(case ${t.severity} when 'critical' then 0 when 'urgent' then 1 else 2 end)`,
      sql`(case when ${t.majorPriority} and ${t.severity} in ('critical','urgent') and ${t.status} in ('new','acknowledged','in_progress','waiting_on_customer') then 0 else 1 end)`,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    vocabularyCheck('tickets_status_check', t.status),
    vocabularyCheck('tickets_severity_check', t.severity),
    vocabularyCheck('tickets_channel_check', t.channel),
    vocabularyCheck('tickets_kind_check', t.kind),
    vocabularyCheck('tickets_stage_check', t.stage),
    vocabularyCheck('tickets_content_category_check', t.contentCategory),
    vocabularyCheck('tickets_cause_category_check', t.causeCategory),
    vocabularyCheck('tickets_team_check', t.team),
    vocabularyCheck('tickets_escalation_level_check', t.escalationLevel),
    vocabularyCheck('tickets_service_class_check', t.serviceClass),
    vocabularyCheck('tickets_handling_approach_check', t.handlingApproach),
  ],
);

/**
 * Requests per customer and status, kept exact by triggers on tickets (migration 0005) in the same
 * transaction as the change: the queue header's counts read a few rows instead of every request.
 */
export const ticketStatusCounts = pgTable(
  'ticket_status_counts',
  {
    customerId: uuid('customer_id').notNull(),
    status: text('status').$type<Status>().notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.status] })],
);

/** The tracking card's timeline: every event, including public replies and internal notes. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    actorId: uuid('actor_id').references(() => users.id),
    type: text('type').$type<TimelineEventType>().notNull(),
    isInternal: boolean('is_internal').notNull().default(false),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id), vocabularyCheck('ticket_events_type_check', t.type)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    isInternal: boolean('is_internal').notNull().default(false),
    uploadedById: uuid('uploaded_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_ticket_idx').on(t.ticketId)],
);

/** Who changed what, before and after, and when: sign-ins and every write. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_created_idx').on(t.createdAt)],
);

/** Service calendars: weekly hours, holidays and make-up working days (调休) in one IANA zone. */
export const calendars = pgTable(
  'calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<CalendarInput>().notNull(),
    isBuiltin: boolean('is_builtin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('calendars_name_key').on(t.name)],
);

/** Which promises apply, chosen by the most specific match (customer, category, tier) and priority. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    priority: integer('priority').notNull().default(0),
    customerId: uuid('customer_id').references(() => customers.id),
    contentCategory: text('content_category').$type<ContentCategory>(),
    tier: text('tier'),
    /** Priority by industry (000): a policy for one kind of customer (hospital, agency…). */
    customerKind: text('customer_kind').$type<CustomerKind>(),
    /** A policy for one of 003's service classes. */
    serviceClass: text('service_class').$type<ServiceClass>(),
    isActive: boolean('is_active').notNull().default(true),
    targets: jsonb('targets').$type<PolicyTargets>().notNull(),
    /** Clocks that stop while the request waits on the customer. */
    pausedMetrics: jsonb('paused_metrics').$type<SlaMetric[]>().notNull(),
    warnPercent: integer('warn_percent').notNull().default(80),
    /** Business hours to each rung of the escalation ladder (domain/sla/ladder.ts). */
    escalationLadder: jsonb('escalation_ladder')
      .$type<EscalationLadder>()
      .notNull()
      .default(sql`'{"senior_engineer":0,"product_manager":4,"rnd":8}'::jsonb`),
    /** When the on-site clock starts: at dispatch (000) or at the written confirmation of the solution (002 四(二)). */
    onSiteStart: text('on_site_start').$type<OnSiteStart>().notNull().default('dispatch'),
    /** Provinces/cities with their own distance class or hours, consulted before the customer's class (002). */
    onSiteRules: jsonb('on_site_rules').$type<DistanceRule[]>().notNull().default([]),
    isBuiltin: boolean('is_builtin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sla_policies_name_key').on(t.name),
    vocabularyCheck('sla_policies_content_category_check', t.contentCategory),
    vocabularyCheck('sla_policies_customer_kind_check', t.customerKind),
    vocabularyCheck('sla_policies_on_site_start_check', t.onSiteStart),
    vocabularyCheck('sla_policies_service_class_check', t.serviceClass),
  ],
);

/** Each promise on each request, with its clock. The scheduler's timers are these rows' warn/due instants. */
export const ticketSlaTargets = pgTable(
  'ticket_sla_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    metric: text('metric').$type<SlaMetric>().notNull(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => slaPolicies.id),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id),
    targetMs: bigint('target_ms', { mode: 'number' }).notNull(),
    elapsedMs: bigint('elapsed_ms', { mode: 'number' }).notNull().default(0),
    runningSince: timestamp('running_since', { withTimezone: true }),
    state: text('state').$type<TargetState>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    metAt: timestamp('met_at', { withTimezone: true }),
    /** The clock stopped unkept: no longer needed, or the request was cancelled (a breach stays `breached`). */
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ticket_sla_targets_ticket_metric_key').on(t.ticketId, t.metric),
    vocabularyCheck('ticket_sla_targets_metric_check', t.metric),
    vocabularyCheck('ticket_sla_targets_state_check', t.state),
    // The scheduler's two questions: which running clocks reach their warning or their due instant.
    index('ticket_sla_targets_due_idx').on(t.dueAt).where(sql`${t.state} = 'running'`),
    index('ticket_sla_targets_warn_idx').on(t.warnAt).where(sql`${t.state} = 'running' and ${t.warnedAt} is null`),
    // Clocks still owed (the breach-risk list, stopping a finished request's clocks).
    index('ticket_sla_targets_owed_idx').on(t.ticketId).where(sql`${t.metAt} is null and ${t.stoppedAt} is null`),
  ],
);

export const slaPauses = pgTable(
  'sla_pauses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => ticketSlaTargets.id),
    pausedAt: timestamp('paused_at', { withTimezone: true }).notNull(),
    resumedAt: timestamp('resumed_at', { withTimezone: true }),
    reason: text('reason').notNull(),
  },
  (t) => [index('sla_pauses_target_idx').on(t.targetId)],
);

/** In-app notifications; those with an email address are also mailed by the outbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    kind: text('kind').$type<NotificationKind>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  // Their emails go out as `mail.send` jobs (src/server/mail), not from columns here.
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), vocabularyCheck('notifications_kind_check', t.kind)],
);

/**
 * Durable scheduled work (src/server/jobs): one-off at `run_at`, or recurring by `schedule`. A process claims a
 * due row (FOR UPDATE SKIP LOCKED) by setting it `running` with a lease (`locked_until`, `locked_by`); a crashed
 * process's lease runs out and the row is claimed again. `key` makes enqueueing idempotent
 * (`monthly-report:<customer>:2026-11`; recurring system jobs use their name).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The handler's registered name, e.g. `sla.tick`, `mail.send`. */
    name: text('name').notNull(),
    key: text('key'),
    kind: text('kind').$type<'once' | 'recurring'>().notNull(),
    schedule: jsonb('schedule').$type<JobSchedule>(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    state: text('state').$type<'scheduled' | 'running' | 'succeeded' | 'failed'>().notNull().default('scheduled'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    /** Attempts of the current run (reset when a recurring job succeeds or moves on). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedBy: uuid('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** When a run last gave up after its last attempt (a one-off then stays `failed`; a recurring job moves on). */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('jobs_key_key').on(t.key),
    index('jobs_due_idx').on(t.runAt).where(sql`${t.state} = 'scheduled'`),
    index('jobs_lease_idx').on(t.lockedUntil).where(sql`${t.state} = 'running'`),
    check('jobs_kind_check', sql`${t.kind} in ('once','recurring')`),
    check('jobs_state_check', sql`${t.state} in ('scheduled','running','succeeded','failed')`),
    check('jobs_schedule_check', sql`(${t.kind} = 'recurring') = (${t.schedule} is not null)`),
    check('jobs_attempts_check', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
    check('jobs_lease_check', sql`(${t.state} = 'running') = (${t.lockedUntil} is not null)`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Customer archive and contracts (DOMAIN.md §5, §7, §9). Money is integer fen (bigint); calendar
// dates are local dates in the service centre's zone (`date`), instants are timestamptz.

const fen = (name: string) => bigint(name, { mode: 'number' });

/** Installed systems and their modules, with acceptance state per module. */
export const customerModules = pgTable(
  'customer_modules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    system: text('system').notNull(),
    module: text('module').notNull(),
    version: text('version'),
    goLiveDate: date('go_live_date'),
    acceptanceState: text('acceptance_state').$type<AcceptanceState>().notNull().default('not_launched'),
    acceptanceDate: date('acceptance_date'),
    /** false = run without a genuine licence (002 serves genuine licences only). */
    genuineLicence: boolean('genuine_licence').notNull().default(true),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customer_modules_key').on(t.customerId, t.system, t.module),
    vocabularyCheck('customer_modules_state_check', t.acceptanceState),
    check('customer_modules_accepted_date_check', sql`(${t.acceptanceState} = 'accepted') = (${t.acceptanceDate} is not null)`),
    check(
      'customer_modules_dates_check',
      sql`${t.acceptanceDate} is null or ${t.goLiveDate} is null or ${t.acceptanceDate} >= ${t.goLiveDate}`,
    ),
  ],
);

/** Hardware and platform configuration kept at the hospital. */
export const configurationItems = pgTable(
  'configuration_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind').$type<ConfigItemKind>().notNull(),
    name: text('name').notNull(),
    model: text('model'),
    serial: text('serial'),
    location: text('location'),
    warrantyEnd: date('warranty_end'),
    /** Supplied by us (false: the hospital's own equipment). */
    suppliedByUs: boolean('supplied_by_us').notNull().default(true),
    /** Warranty service is by the original manufacturer or an authorised agent (003). */
    manufacturer: text('manufacturer'),
    authorisedAgent: text('authorised_agent'),
    /** Why a warranty claim was refused (000): damage by people, wrong operation, force majeure. */
    warrantyExclusion: text('warranty_exclusion').$type<WarrantyExclusion>(),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('configuration_items_customer_idx').on(t.customerId),
    vocabularyCheck('configuration_items_kind_check', t.kind),
    vocabularyCheck('configuration_items_warranty_exclusion_check', t.warrantyExclusion),
  ],
);

/** Files of the archive (handover documents, contracts, signed quotes), stored under the data dir. */
export const customerDocuments = pgTable(
  'customer_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind').$type<DocumentKind>().notNull(),
    title: text('title'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    isInternal: boolean('is_internal').notNull().default(false),
    uploadedById: uuid('uploaded_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('customer_documents_customer_idx').on(t.customerId, t.createdAt),
    vocabularyCheck('customer_documents_kind_check', t.kind),
    check('customer_documents_size_check', sql`${t.sizeBytes} > 0`),
  ],
);

/** Project history: one row per customer (contract signed → team stationed → initial acceptance). */
export const customerProjects = pgTable(
  'customer_projects',
  {
    customerId: uuid('customer_id')
      .primaryKey()
      .references(() => customers.id),
    contractSignedDate: date('contract_signed_date'),
    teamStationedDate: date('team_stationed_date'),
    /** 初验: service takes over from the project (003 6.7). */
    initialAcceptanceDate: date('initial_acceptance_date'),
    /** 终验: the free year, free upgrades and the hardware warranty start (003 6.2). */
    finalAcceptanceDate: date('final_acceptance_date'),
    /** Why a project running over six months is not accepted (1–4, DOMAIN.md §5); null = not classified. */
    unacceptedCase: integer('unaccepted_case'),
    /** Case 1: the formal letter urging acceptance (two weeks from this date), how it went, its scan. */
    urgeLetterDate: date('urge_letter_date'),
    urgeLetterMethod: text('urge_letter_method').$type<UrgeLetterMethod>(),
    urgeLetterDocumentId: uuid('urge_letter_document_id').references(() => customerDocuments.id),
    /** Case 3: the refund for modules that could not launch. */
    refundFen: fen('refund_fen'),
    /** Case 4: the negotiation is a task due on this date. */
    negotiationDueDate: date('negotiation_due_date'),
    notes: text('notes'),
    updatedAt: updatedAt(),
  },
  (t) => [
    vocabularyCheck('customer_projects_urge_letter_method_check', t.urgeLetterMethod),
    check('customer_projects_refund_check', sql`${t.refundFen} is null or ${t.refundFen} >= 0`),
    check(
      'customer_projects_final_check',
      sql`${t.finalAcceptanceDate} is null or (${t.initialAcceptanceDate} is not null and ${t.finalAcceptanceDate} >= ${t.initialAcceptanceDate})`,
    ),
    check('customer_projects_case_check', sql`${t.unacceptedCase} is null or ${t.unacceptedCase} between 1 and 4`),
    check(
      'customer_projects_dates_check',
      sql`(${t.teamStationedDate} is null or ${t.contractSignedDate} is null or ${t.teamStationedDate} >= ${t.contractSignedDate}) and (${t.initialAcceptanceDate} is null or ${t.contractSignedDate} is null or ${t.initialAcceptanceDate} >= ${t.contractSignedDate})`,
    ),
  ],
);

/** Staff decisions to serve a customer the rules say not to (case 1 after its deadline, no genuine licence), with a reason. */
export const entitlementOverrides = pgTable(
  'entitlement_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    reason: text('reason').notNull(),
    fromDate: date('from_date').notNull(),
    untilDate: date('until_date').notNull(),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('entitlement_overrides_customer_idx').on(t.customerId, t.fromDate),
    check('entitlement_overrides_dates_check', sql`${t.untilDate} >= ${t.fromDate}`),
  ],
);

/** The handover checklist (§9): each of the six items, done or not, with its document. */
export const handoverItems = pgTable(
  'handover_items',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    item: text('item').$type<HandoverItem>().notNull(),
    isDone: boolean('is_done').notNull().default(false),
    documentId: uuid('document_id').references(() => customerDocuments.id),
    updatedById: uuid('updated_by_id').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('handover_items_key').on(t.customerId, t.item), vocabularyCheck('handover_items_item_check', t.item)],
);

/** Service tiers (Diamond, Gold, Silver, Bronze seeded; editable, admins add others). */
export const serviceTiers = pgTable(
  'service_tiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable key the SLA policies select on (`sla_policies.tier`). */
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    yearlyPriceFen: fen('yearly_price_fen').notNull(),
    routineMaintenance: text('routine_maintenance').$type<RoutineFrequency>().notNull(),
    /** Emergency on-site visits per year; null = unlimited. */
    emergencyVisitsPerYear: integer('emergency_visits_per_year'),
    retrainingQuota: integer('retraining_quota').notNull().default(0),
    hasResidentEngineer: boolean('has_resident_engineer').notNull().default(false),
    hasPriority: boolean('has_priority').notNull().default(false),
    serviceWindow: text('service_window').$type<ServiceWindow>().notNull(),
    isActive: boolean('is_active').notNull().default(true),
    isBuiltin: boolean('is_builtin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('service_tiers_code_key').on(t.code),
    check('service_tiers_price_check', sql`${t.yearlyPriceFen} >= 0`),
    check('service_tiers_visits_check', sql`${t.emergencyVisitsPerYear} is null or ${t.emergencyVisitsPerYear} >= 0`),
    check('service_tiers_retraining_check', sql`${t.retrainingQuota} >= 0`),
    vocabularyCheck('service_tiers_window_check', t.serviceWindow),
    vocabularyCheck('service_tiers_routine_check', t.routineMaintenance),
  ],
);

/** The system (software) contract: its acceptance date starts free maintenance, upgrades and warranty. */
export const systemContracts = pgTable(
  'system_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    title: text('title').notNull(),
    signedDate: date('signed_date'),
    totalPriceFen: fen('total_price_fen').notNull(),
    /** 初验 (initial acceptance): service takes over. */
    acceptanceDate: date('acceptance_date'),
    /** 终验 (final acceptance): the free year, upgrades and warranty start. */
    finalAcceptanceDate: date('final_acceptance_date'),
    /** The last day of the free service period the contract states (002 二(三)); runs out even without acceptance. */
    freeServiceUntil: date('free_service_until'),
    notes: text('notes'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('system_contracts_customer_idx').on(t.customerId),
    check('system_contracts_price_check', sql`${t.totalPriceFen} >= 0`),
    check(
      'system_contracts_dates_check',
      sql`${t.acceptanceDate} is null or ${t.signedDate} is null or ${t.acceptanceDate} >= ${t.signedDate}`,
    ),
    check(
      'system_contracts_final_check',
      sql`${t.finalAcceptanceDate} is null or (${t.acceptanceDate} is not null and ${t.finalAcceptanceDate} >= ${t.acceptanceDate})`,
    ),
  ],
);

/** Paid yearly service by tier. Two contracts of one customer never overlap (service + exclusion constraint). */
export const serviceContracts = pgTable(
  'service_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    tierId: uuid('tier_id')
      .notNull()
      .references(() => serviceTiers.id),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    priceFen: fen('price_fen').notNull(),
    /** On-site visits per contract year, copied from the tier at signing; null = unlimited. */
    visitQuota: integer('visit_quota'),
    accountOwnerId: uuid('account_owner_id').references(() => users.id),
    /** Diamond: the engineer resident at the hospital for the contract year (002). */
    residentEngineerId: uuid('resident_engineer_id').references(() => users.id),
    renewalOfId: uuid('renewal_of_id').references((): AnyPgColumn => serviceContracts.id),
    notes: text('notes'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_contracts_customer_idx').on(t.customerId, t.startDate),
    index('service_contracts_end_idx').on(t.endDate),
    uniqueIndex('service_contracts_renewal_key').on(t.renewalOfId),
    check('service_contracts_price_check', sql`${t.priceFen} >= 0`),
    check('service_contracts_dates_check', sql`${t.endDate} >= ${t.startDate}`),
    check('service_contracts_quota_check', sql`${t.visitQuota} is null or ${t.visitQuota} >= 0`),
  ],
);

/** Renewal reminders already sent: the unique key makes each (contract, days-before) fire once. */
export const renewalReminders = pgTable(
  'renewal_reminders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => serviceContracts.id),
    daysBefore: integer('days_before').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('renewal_reminders_key').on(t.contractId, t.daysBefore),
    check('renewal_reminders_days_check', sql`${t.daysBefore} > 0`),
  ],
);

/** Per-visit quotes (the supplementary agreement): draft → sent → signed (→ dispatch allowed) or cancelled. */
export const quotes = pgTable(
  'quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** BJ-<year>-<sequence>: gapless per year of the service zone, in the order quotes are created. */
    number: text('number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    people: integer('people').notNull(),
    travelPerPersonFen: fen('travel_per_person_fen').notNull(),
    lodgingPerPersonDayFen: fen('lodging_per_person_day_fen').notNull(),
    dailyFeePerPersonDayFen: fen('daily_fee_per_person_day_fen').notNull().default(100000),
    arrivalDate: date('arrival_date').notNull(),
    departureDate: date('departure_date').notNull(),
    days: integer('days').notNull(),
    totalFen: fen('total_fen').notNull(),
    state: text('state').$type<QuoteState>().notNull().default('draft'),
    note: text('note'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    signedBy: text('signed_by'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signedScanDocumentId: uuid('signed_scan_document_id').references(() => customerDocuments.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('quotes_number_key').on(t.number),
    index('quotes_customer_idx').on(t.customerId, t.createdAt),
    vocabularyCheck('quotes_state_check', t.state),
    check('quotes_people_check', sql`${t.people} > 0`),
    check(
      'quotes_money_check',
      sql`${t.travelPerPersonFen} >= 0 and ${t.lodgingPerPersonDayFen} >= 0 and ${t.dailyFeePerPersonDayFen} >= 0 and ${t.totalFen} >= 0`,
    ),
    check('quotes_dates_check', sql`${t.departureDate} >= ${t.arrivalDate} and ${t.days} > 0`),
    check('quotes_signed_check', sql`(${t.state} = 'signed') = (${t.signedAt} is not null and ${t.signedBy} is not null)`),
  ],
);

/**
 * The spare-parts price list (000): a part's unit price never exceeds its contract price (the cap) — for the
 * 3 years from a contract's final acceptance the contract price holds, and the list is kept at or below it.
 */
export const spareParts = pgTable(
  'spare_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    model: text('model').notNull(),
    unitPriceFen: fen('unit_price_fen').notNull(),
    contractPriceFen: fen('contract_price_fen').notNull(),
    validFrom: date('valid_from').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('spare_parts_name_model_key').on(t.name, t.model),
    check('spare_parts_price_check', sql`${t.unitPriceFen} >= 0 and ${t.contractPriceFen} >= 0`),
  ],
);

/** Prices the vendor sets in Settings (in fen): e.g. the after-warranty expert rate per person-day (003). */
export const priceSettings = pgTable(
  'price_settings',
  {
    key: text('key').primaryKey(),
    valueFen: fen('value_fen').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [check('price_settings_value_check', sql`${t.valueFen} >= 0`)],
);

/** The service-count register (服务次数登记): each on-site visit, against the contract in force on its date. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    serviceContractId: uuid('service_contract_id').references(() => serviceContracts.id),
    visitDate: date('visit_date').notNull(),
    /** Engineers who went: user ids. */
    engineerIds: jsonb('engineer_ids').$type<string[]>().notNull().default([]),
    note: text('note'),
    isOverQuota: boolean('is_over_quota').notNull().default(false),
    quoteId: uuid('quote_id').references(() => quotes.id),
    /** The visit's type: only emergency visits count against the yearly quota (rows before 0012: emergency). */
    type: text('type').$type<VisitType>().notNull().default('emergency'),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    vocabularyCheck('visits_type_check', t.type),
    index('visits_customer_idx').on(t.customerId, t.visitDate),
    index('visits_contract_idx').on(t.serviceContractId, t.visitDate),
    uniqueIndex('visits_quote_key').on(t.quoteId),
    check('visits_over_quota_check', sql`not ${t.isOverQuota} or ${t.quoteId} is not null`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Work orders (派工单, migration 0012): one on-site visit from dispatch to the customer's sign-off,
 * which writes its row in the visit register (`visits_id`). PG-<year>-<sequence>, gapless per year.
 */
export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    type: text('type').$type<WorkOrderType>().notNull(),
    status: text('status').$type<WorkOrderStatus>().notNull().default('planned'),
    plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
    transport: text('transport').$type<Transport>(),
    /** Snapshot of the customer's address and contact when the order was made. */
    address: text('address'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** The signed per-visit quote it rides on (a customer without entitlement). */
    quoteId: uuid('quote_id').references(() => quotes.id),
    /** A manager's reason for dispatching without entitlement and without a signed quote. */
    overrideReason: text('override_reason'),
    /** Out-of-scope work approved by the customer's maintenance director (003 6.6). */
    approvedByName: text('approved_by_name'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvalMethod: text('approval_method').$type<ApprovalMethod>(),
    checkInAt: timestamp('check_in_at', { withTimezone: true }),
    checkOutAt: timestamp('check_out_at', { withTimezone: true }),
    minutesOnSite: integer('minutes_on_site'),
    workLog: text('work_log').notNull().default(''),
    checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull().default([]),
    parts: jsonb('parts').$type<PartUsed[]>().notNull().default([]),
    signerName: text('signer_name'),
    signerTitle: text('signer_title'),
    signaturePng: bytea('signature_png'),
    rating: integer('rating'),
    remark: text('remark'),
    signedOffAt: timestamp('signed_off_at', { withTimezone: true }),
    visitId: uuid('visit_id').references(() => visits.id),
    /** Signed on paper instead of on the glass: the scanned signed form (migration 0025). */
    signedFormId: uuid('signed_form_id').references((): AnyPgColumn => workOrderPhotos.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Bumped by every change: the dispatch board's assign/re-plan names the version it saw (409 when stale). */
    version: integer('version').notNull().default(1),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('work_orders_number_key').on(t.number),
    index('work_orders_ticket_idx').on(t.ticketId, t.createdAt),
    index('work_orders_planned_idx').on(t.plannedAt),
    vocabularyCheck('work_orders_type_check', t.type),
    vocabularyCheck('work_orders_status_check', t.status),
    vocabularyCheck('work_orders_transport_check', t.transport),
    vocabularyCheck('work_orders_approval_method_check', t.approvalMethod),
    check('work_orders_rating_check', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

/**
 * Photos from the engineer's camera and scanned signed forms of a work order (migration 0025). The
 * bytes are in the attachment store; `client_id` is the phone's id for the upload (offline replays).
 */
export const workOrderPhotos = pgTable(
  'work_order_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').notNull(),
    kind: text('kind').$type<WorkOrderFileKind>().notNull().default('photo'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedById: uuid('uploaded_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('work_order_photos_client_id_key').on(t.clientId),
    index('work_order_photos_order_idx').on(t.workOrderId, t.createdAt),
    vocabularyCheck('work_order_photos_kind_check', t.kind),
  ],
);

/** The engineers on a work order: any staff users (R&D researchers may go along, 000 C). */
export const workOrderEngineers = pgTable(
  'work_order_engineers',
  {
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.workOrderId, t.userId] }), index('work_order_engineers_user_idx').on(t.userId)],
);

/** An engineer's iCalendar feed: the secret URL's token is shown once; only its SHA-256 is kept. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_hash_idx').on(t.tokenHash),
    uniqueIndex('calendar_feeds_live_user_idx').on(t.userId).where(sql`${t.revokedAt} is null`),
  ],
);

/** Field settings (one row): the default on-site checklist new work orders copy. */
export const fieldSettings = pgTable(
  'field_settings',
  {
    id: boolean('id').primaryKey().default(true),
    defaultChecklist: jsonb('default_checklist').$type<{ key: string; label: string }[]>().notNull(),
    updatedById: uuid('updated_by_id').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [check('field_settings_singleton', sql`${t.id}`)],
);

/** Client-generated ids of actions already applied: a replay (offline sync) is answered, not applied again. */
export const workOrderActions = pgTable('work_order_actions', {
  clientActionId: uuid('client_action_id').primaryKey(),
  workOrderId: uuid('work_order_id')
    .notNull()
    .references(() => workOrders.id, { onDelete: 'cascade' }),
  action: text('action').$type<WorkOrderAction>().notNull(),
  actorId: uuid('actor_id')
    .notNull()
    .references(() => users.id),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
});

/** The hospital emergency plan (应急预案, 001 第二部分): one per customer, its current content and version. */
export const emergencyPlans = pgTable(
  'emergency_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<PlanContent>().notNull(),
    lastDrillAt: timestamp('last_drill_at', { withTimezone: true }),
    /** When the managers were last told the plan's drill is overdue (once per overdue period). */
    drillRemindedAt: timestamp('drill_reminded_at', { withTimezone: true }),
    /** The quarter (YYYY-Qn) whose emergency-training reminder was sent (once per quarter). */
    trainingRemindedQuarter: text('training_reminded_quarter'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('emergency_plans_customer_key').on(t.customerId), check('emergency_plans_version_check', sql`${t.version} > 0`)],
);

/** Every revision of a plan: who, when, why, and the full content. */
export const emergencyPlanVersions = pgTable(
  'emergency_plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => emergencyPlans.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<PlanContent>().notNull(),
    changedById: uuid('changed_by_id')
      .notNull()
      .references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [uniqueIndex('emergency_plan_versions_key').on(t.planId, t.version)],
);

/** A major incident declared from a request: the plan run as a playbook, with its continuity clocks. */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => emergencyPlans.id),
    planVersion: integer('plan_version').notNull(),
    trigger: integer('trigger').notNull(),
    measureLevel: text('measure_level').$type<MeasureLevel>().notNull(),
    status: text('status').$type<IncidentStatus>().notNull(),
    isDrill: boolean('is_drill').notNull().default(false),
    /** Whether the hospital's users are alerted: always for a real incident; a drill only when chosen (001 2.8). */
    alertsHospital: boolean('alerts_hospital').notNull().default(true),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
    declaredById: uuid('declared_by_id')
      .notNull()
      .references(() => users.id),
    scope: text('scope').notNull().default(''),
    impact: text('impact').notNull().default(''),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    recoveredAt: timestamp('recovered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    cause: text('cause').notNull().default(''),
    actionsTaken: text('actions_taken').notNull().default(''),
    prevention: text('prevention').notNull().default(''),
    /** 2.10 (2): accountability according to the report. */
    accountability: text('accountability').notNull().default(''),
    /** 2.8 (2): a drill's participants, and its evaluation with the problems found. */
    drillParticipants: text('drill_participants').notNull().default(''),
    drillEvaluation: text('drill_evaluation').notNull().default(''),
  },
  (t) => [
    uniqueIndex('incidents_one_open_per_ticket').on(t.ticketId).where(sql`${t.status} <> 'closed'`),
    index('incidents_customer_idx').on(t.customerId, t.declaredAt),
    check('incidents_trigger_check', sql`${t.trigger} between 1 and 6`),
    vocabularyCheck('incidents_measure_level_check', t.measureLevel),
    vocabularyCheck('incidents_status_check', t.status),
  ],
);

/** The continuity stages of 2.7 (2): due at failedAt + 15 min / + 3 h; fired once, with the departments sent to paper. */
export const incidentStages = pgTable(
  'incident_stages',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    stage: text('stage').$type<ContinuityStage>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }),
    /** When the tick wrote it (later than firedAt after a restart). */
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    departments: jsonb('departments').$type<string[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.stage] }),
    index('incident_stages_due_idx').on(t.dueAt).where(sql`${t.firedAt} is null`),
    vocabularyCheck('incident_stages_stage_check', t.stage),
  ],
);

/** The hospital's departments on this incident: when each went manual and came back, and its 补录. */
export const incidentDepartments = pgTable(
  'incident_departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    /** A default department's stable key (labels in the web's resources); null for a custom one. */
    key: text('key').$type<DepartmentKey>(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull().default(''),
    stage: text('stage').$type<ContinuityStage>().notNull(),
    manualFrom: timestamp('manual_from', { withTimezone: true }),
    backAt: timestamp('back_at', { withTimezone: true }),
    reentryState: text('reentry_state').$type<ReentryState>().notNull().default('pending'),
    reentryEngineerId: uuid('reentry_engineer_id').references(() => users.id),
    reentryStartedAt: timestamp('reentry_started_at', { withTimezone: true }),
    reentryDoneAt: timestamp('reentry_done_at', { withTimezone: true }),
    reentryNote: text('reentry_note').notNull().default(''),
    waivedReason: text('waived_reason'),
  },
  (t) => [
    uniqueIndex('incident_departments_key').on(t.incidentId, t.name),
    vocabularyCheck('incident_departments_stage_check', t.stage),
    vocabularyCheck('incident_departments_reentry_state_check', t.reentryState),
    vocabularyCheck('incident_departments_key_check', t.key),
  ],
);

/** The incident's checklists (activation 2.5, playbook 2.6, measures 1.4), copied from the plan; ticked with who/when/note. */
export const incidentItems = pgTable(
  'incident_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind').$type<IncidentItemKind>().notNull(),
    position: integer('position').notNull(),
    text: jsonb('text').$type<BilingualText>().notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneById: uuid('done_by_id').references(() => users.id),
    note: text('note'),
  },
  (t) => [uniqueIndex('incident_items_key').on(t.incidentId, t.kind, t.position), vocabularyCheck('incident_items_kind_check', t.kind)],
);

/** The incident's timeline. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    actorId: uuid('actor_id').references(() => users.id),
    type: text('type').$type<IncidentEventType>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    isInternal: boolean('is_internal').notNull().default(false),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.id), vocabularyCheck('incident_events_type_check', t.type)],
);

/** Corrective and preventive actions after an incident (001 2.10 (3)): owner, due date, tracked to closure. */
export const incidentActions = pgTable(
  'incident_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    description: text('description').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    dueDate: date('due_date').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: text('done_note'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('incident_actions_incident_idx').on(t.incidentId),
    index('incident_actions_due_idx').on(t.dueDate).where(sql`${t.doneAt} is null`),
  ],
);

/**
 * Remote access the customer granted for a request (001 1.3, 003 6.6). The secret is AES-256-GCM ciphertext
 * (lib/secret-box.ts) with the id of the key that sealed it; it is erased (both null, `secret_erased_at` set)
 * when the window ends or the grant is revoked. Never read by search, exports or the timeline.
 */
export const remoteAccessGrants = pgTable(
  'remote_access_grants',
  {
    /** Chosen by the service before sealing: the ciphertext is bound to it. */
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    method: text('method').$type<RemoteAccessMethod>().notNull(),
    target: text('target'),
    grantedByName: text('granted_by_name').notNull(),
    /** The portal user who granted it themselves (null: staff recorded the grantor's name). */
    grantedById: uuid('granted_by_id').references(() => users.id),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    secretCiphertext: text('secret_ciphertext'),
    secretKeyId: text('secret_key_id'),
    secretErasedAt: timestamp('secret_erased_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedById: uuid('revoked_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('remote_access_grants_ticket_idx').on(t.ticketId, t.createdAt),
    index('remote_access_grants_sealed_idx').on(t.validUntil).where(sql`${t.secretCiphertext} is not null`),
    vocabularyCheck('remote_access_grants_method_check', t.method),
    check('remote_access_grants_window_check', sql`${t.validUntil} > ${t.validFrom}`),
    check('remote_access_grants_secret_check', sql`(${t.secretCiphertext} is null) = (${t.secretKeyId} is null)`),
  ],
);

/** Who connected through a grant, from when to when, and what was done. */
export const remoteAccessSessions = pgTable(
  'remote_access_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => remoteAccessGrants.id),
    engineerId: uuid('engineer_id')
      .notNull()
      .references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    summary: text('summary').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('remote_access_sessions_grant_idx').on(t.grantId, t.startedAt),
    check('remote_access_sessions_times_check', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
  ],
);

/** Who holds each rung of "escalate: cannot solve", optionally per product or module (admins edit it). */
export const escalationRoster = pgTable(
  'escalation_roster',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rung: text('rung').$type<RosterRung>().notNull(),
    product: text('product'),
    module: text('module'),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('escalation_roster_entry_key').on(t.rung, sql`coalesce(${t.product}, '')`, sql`coalesce(${t.module}, '')`, t.userId),
    vocabularyCheck('escalation_roster_rung_check', t.rung),
  ],
);

/** Each "cannot solve" escalation of a request, with the product manager's fault reproduction test. */
export const ticketEscalations = pgTable(
  'ticket_escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    path: text('path').$type<EscalationPath>().notNull(),
    rung: text('rung').$type<RosterRung>().notNull(),
    reason: text('reason').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    reproEnvironment: text('repro_environment'),
    reproSteps: text('repro_steps'),
    reproReproduced: boolean('repro_reproduced'),
    reproRecordedById: uuid('repro_recorded_by_id').references(() => users.id),
    reproRecordedAt: timestamp('repro_recorded_at', { withTimezone: true }),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('ticket_escalations_ticket_idx').on(t.ticketId, t.createdAt),
    vocabularyCheck('ticket_escalations_path_check', t.path),
    vocabularyCheck('ticket_escalations_rung_check', t.rung),
    check('ticket_escalations_repro_check', sql`(${t.reproReproduced} is null) = (${t.reproRecordedAt} is null)`),
  ],
);

/** A technical report to the software development centre (defect hand-off), from any request. */
export const defectReports = pgTable(
  'defect_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    summary: text('summary').notNull(),
    /** The escalation whose reproduction test it hands over (optional). */
    escalationId: uuid('escalation_id').references(() => ticketEscalations.id),
    reproduction: text('reproduction'),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('defect_reports_ticket_idx').on(t.ticketId, t.createdAt)],
);

/** Equipment sent to its manufacturer or authorised agent (厂家) and what came back. */
export const rmaRecords = pgTable(
  'rma_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    manufacturer: text('manufacturer').notNull(),
    caseNumber: text('case_number'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    outcome: text('outcome').$type<RmaOutcome>(),
    customerToldAt: timestamp('customer_told_at', { withTimezone: true }),
    /** A deadline negotiated with the customer when the tender's cannot be met. */
    newDeadline: date('new_deadline'),
    note: text('note'),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('rma_records_ticket_idx').on(t.ticketId, t.createdAt),
    vocabularyCheck('rma_records_outcome_check', t.outcome),
    check('rma_records_returned_check', sql`${t.returnedAt} is null or ${t.returnedAt} >= ${t.sentAt}`),
  ],
);

// ---------- service quality (issue 13 part B, migration 0016) ----------

/** One satisfaction survey per request, after the customer confirmed it: answered in the portal or by a signed link. */
export const satisfactionSurveys = pgTable(
  'satisfaction_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The request surveyed; null for a periodic survey of the customer. */
    ticketId: uuid('ticket_id').references(() => tickets.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** A periodic survey: the due date of its period (one per customer and period). */
    period: date('period'),
    /** The request's assignee when the survey was opened: results by engineer. */
    engineerId: uuid('engineer_id').references(() => users.id),
    /** 1–5; null until answered. */
    score: integer('score'),
    comment: text('comment'),
    channel: text('channel').$type<SurveyChannel>(),
    answeredById: uuid('answered_by_id').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('satisfaction_surveys_ticket_key').on(t.ticketId),
    uniqueIndex('satisfaction_surveys_period_key').on(t.customerId, t.period),
    check('satisfaction_surveys_subject_check', sql`(${t.ticketId} is null) <> (${t.period} is null)`),
    index('satisfaction_surveys_answered_idx').on(t.answeredAt),
    check('satisfaction_surveys_score_check', sql`${t.score} is null or (${t.score} between 1 and 5)`),
    check('satisfaction_surveys_answer_check', sql`(${t.score} is null) = (${t.answeredAt} is null)`),
    vocabularyCheck('satisfaction_surveys_channel_check', t.channel),
  ],
);

/** Each customer's periodic satisfaction survey (e.g. half-yearly), sent by the `surveys.periodic` job. */
export const surveySchedules = pgTable(
  'survey_schedules',
  {
    customerId: uuid('customer_id')
      .primaryKey()
      .references(() => customers.id),
    everyMonths: integer('every_months').notNull(),
    nextDueDate: date('next_due_date').notNull(),
    updatedById: uuid('updated_by_id').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('survey_schedules_due_idx').on(t.nextDueDate),
    check('survey_schedules_every_check', sql`${t.everyMonths} between 1 and 24`),
  ],
);

/** Each customer's return-visit schedule per kind (phone, senior-engineer inspection); defaults from the tier. */
export const returnVisitSchedules = pgTable(
  'return_visit_schedules',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind').$type<ReturnVisitKind>().notNull(),
    everyMonths: integer('every_months').notNull(),
    nextDueDate: date('next_due_date').notNull(),
    updatedById: uuid('updated_by_id').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.kind] }),
    index('return_visit_schedules_due_idx').on(t.nextDueDate),
    check('return_visit_schedules_every_check', sql`${t.everyMonths} between 1 and 24`),
    vocabularyCheck('return_visit_schedules_kind_check', t.kind),
  ],
);

/** A recorded return visit (回访) or inspection and its outcome; a follow-up request may be opened with it. */
export const returnVisits = pgTable(
  'return_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind').$type<ReturnVisitKind>().notNull(),
    dueDate: date('due_date').notNull(),
    visitedOn: date('visited_on').notNull(),
    outcome: text('outcome').$type<ReturnVisitOutcome>().notNull(),
    note: text('note'),
    followUpTicketId: uuid('follow_up_ticket_id').references(() => tickets.id),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('return_visits_customer_idx').on(t.customerId, t.visitedOn),
    vocabularyCheck('return_visits_kind_check', t.kind),
    vocabularyCheck('return_visits_outcome_check', t.outcome),
  ],
);

/** 用户座谈会: date, attendees, minutes, actions. */
export const userMeetings = pgTable(
  'user_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    meetingDate: date('meeting_date').notNull(),
    title: text('title').notNull(),
    attendees: jsonb('attendees').$type<string[]>().notNull(),
    minutes: text('minutes').notNull(),
    actions: jsonb('actions').$type<{ text: string; owner: string | null; dueDate: string | null }[]>().notNull(),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('user_meetings_customer_idx').on(t.customerId, t.meetingDate)],
);

/** Training sessions with their sign-in sheet (signatures drawn on a canvas, or one scanned sheet). */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind').$type<TrainingKind>().notNull(),
    title: text('title').notNull(),
    sessionDate: date('session_date').notNull(),
    lecturerId: uuid('lecturer_id')
      .notNull()
      .references(() => users.id),
    /** Retraining: the service contract whose year it counts against. */
    serviceContractId: uuid('service_contract_id').references(() => serviceContracts.id),
    /** Retraining beyond the quota: a per-visit quote, or a manager's reason. */
    quoteId: uuid('quote_id').references(() => quotes.id),
    overrideReason: text('override_reason'),
    /** PNG data URL of the lecturer's signature (null with a scanned sheet). */
    lecturerSignature: text('lecturer_signature'),
    /** The scanned paper sheet (base64) and its type, instead of drawn signatures. */
    sheetScan: text('sheet_scan'),
    sheetScanType: text('sheet_scan_type'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('training_sessions_customer_idx').on(t.customerId, t.sessionDate), vocabularyCheck('training_sessions_kind_check', t.kind)],
);

export const trainingAttendees = pgTable(
  'training_attendees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    name: text('name').notNull(),
    contactId: uuid('contact_id').references(() => contacts.id),
    userId: uuid('user_id').references(() => users.id),
    /** A retraining trainee beyond the contract year's quota (paid by the quote or overridden). */
    isOverQuota: boolean('is_over_quota').notNull().default(false),
    signature: text('signature'),
    position: integer('position').notNull(),
  },
  (t) => [index('training_attendees_session_idx').on(t.sessionId, t.position)],
);

/** Administrator certification records (person, certificate, date). */
export const adminCertifications = pgTable(
  'admin_certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    personName: text('person_name').notNull(),
    contactId: uuid('contact_id').references(() => contacts.id),
    certificate: text('certificate').notNull(),
    certifiedOn: date('certified_on').notNull(),
    trainingSessionId: uuid('training_session_id').references(() => trainingSessions.id),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('admin_certifications_customer_idx').on(t.customerId, t.certifiedOn)],
);

// Routine maintenance (issue 13): checklists A/B/C (versioned), the rounds each contract year owes, their
// checklist results, and per customer the planning calendar, the key-customer flag and the backup plan.

/** A checklist version; a round keeps the version it started with. Items: domain/maintenance/checklist.ts. */
export const maintenanceChecklists = pgTable(
  'maintenance_checklists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    version: integer('version').notNull(),
    items: jsonb('items').$type<MaintenanceChecklistItem[]>().notNull(),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('maintenance_checklists_version_key').on(t.version),
    check('maintenance_checklists_version_check', sql`${t.version} > 0`),
  ],
);

/** One routine round: its window in a contract year (or the free year), the planned working day, and its visit. */
export const maintenanceRounds = pgTable(
  'maintenance_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The paid contract the round is owed under, or the system contract whose free year it is. */
    serviceContractId: uuid('service_contract_id').references(() => serviceContracts.id, { onDelete: 'cascade' }),
    systemContractId: uuid('system_contract_id').references(() => systemContracts.id, { onDelete: 'cascade' }),
    contractYear: integer('contract_year').notNull(),
    windowStart: date('window_start').notNull(),
    windowEnd: date('window_end').notNull(),
    plannedDate: date('planned_date'),
    isPlannedByHand: boolean('is_planned_by_hand').notNull().default(false),
    /** Why a round was planned by hand on a day off (a holiday needs a reason). */
    replanReason: text('replan_reason'),
    status: text('status').$type<RoundStatus>().notNull().default('planned'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    workOrderId: uuid('work_order_id').references(() => workOrders.id),
    checklistId: uuid('checklist_id').references(() => maintenanceChecklists.id),
    overdueWarnedAt: timestamp('overdue_warned_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** A skipped round (migration 0026): why, a note, who and when. */
    skipReason: text('skip_reason').$type<SkipReason>(),
    skipNote: text('skip_note'),
    skippedById: uuid('skipped_by_id').references(() => users.id),
    skippedAt: timestamp('skipped_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('maintenance_rounds_customer_idx').on(t.customerId, t.windowStart),
    index('maintenance_rounds_due_idx').on(t.status, t.windowEnd),
    uniqueIndex('maintenance_rounds_work_order_key').on(t.workOrderId),
    vocabularyCheck('maintenance_rounds_status_check', t.status),
    check('maintenance_rounds_window_check', sql`${t.windowEnd} >= ${t.windowStart}`),
    check('maintenance_rounds_source_check', sql`(${t.serviceContractId} is null) <> (${t.systemContractId} is null)`),
    vocabularyCheck('maintenance_rounds_skip_reason_check', t.skipReason),
    check('maintenance_rounds_skip_check', sql`(${t.status} = 'skipped') = (${t.skipReason} is not null)`),
  ],
);

/** A checklist item's result on a round; a problem found may have become a service request. */
export const maintenanceResults = pgTable(
  'maintenance_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => maintenanceRounds.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    result: text('result').$type<ItemResult>().notNull(),
    note: text('note'),
    measurements: jsonb('measurements').$type<Partial<Record<Measurement, string>>>().notNull().default({}),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    recordedById: uuid('recorded_by_id').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('maintenance_results_item_key').on(t.roundId, t.itemKey),
    vocabularyCheck('maintenance_results_result_check', t.result),
  ],
);

/** Per customer: the calendar rounds are planned on (default China 5×8), the key-customer flag, the backup plan. */
export const maintenanceProfiles = pgTable('maintenance_profiles', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id),
  calendarId: uuid('calendar_id').references(() => calendars.id),
  /** 重点客户: the database must run with online archive logs (联机归档日志). */
  isKeyCustomer: boolean('is_key_customer').notNull().default(false),
  backupPlan: jsonb('backup_plan').$type<BackupPlan>(),
  updatedAt: updatedAt(),
});

/** The system operation assessment (000 G 系统运行评估) of a customer for a year; its PDF is filed in the archive. */
export const systemAssessments = pgTable(
  'system_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The round it was made with (usually the yearly one), if any. */
    roundId: uuid('round_id').references(() => maintenanceRounds.id, { onDelete: 'set null' }),
    /** The year assessed: one assessment per customer and year. */
    period: integer('period').notNull(),
    assessedOn: date('assessed_on').notNull(),
    sections: jsonb('sections').$type<AssessmentSectionEntry[]>().notNull(),
    summary: text('summary').notNull(),
    documentId: uuid('document_id').references(() => customerDocuments.id),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('system_assessments_customer_period_key').on(t.customerId, t.period),
    check('system_assessments_period_check', sql`${t.period} between 2000 and 2199`),
  ],
);
