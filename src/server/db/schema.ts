import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CalendarInput } from '../../domain/calendar/index.ts';
import type { DistanceClass, PolicyTargets, SlaMetric, TargetState } from '../../domain/sla.ts';
import type {
  CauseCategory,
  Channel,
  ContactRole,
  ContentCategory,
  CustomerKind,
  Kind,
  Role,
  Severity,
  Stage,
  Status,
  Team,
} from '../../domain/vocabulary.ts';

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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('customers_name_key').on(t.name), check('customers_kind_check', sql`${t.kind} in ('hospital','agency')`)],
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
  (t) => [index('contacts_customer_idx').on(t.customerId)],
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
    passwordHash: text('password_hash').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    locale: text('locale').notNull().default('zh-CN'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_role_check', sql`${t.role} in ('admin','manager','agent','engineer','customer')`),
    // A customer user belongs to exactly one organisation; staff belong to none.
    check('users_customer_scope_check', sql`(${t.role} = 'customer') = (${t.customerId} is not null)`),
  ],
);

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
    slaPolicyId: uuid('sla_policy_id'),
    /** Rung of the escalation ladder: 0 engineer, 1 senior engineer, 2 product technical manager, 3 R&D. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tickets_number_key').on(t.number),
    index('tickets_status_created_idx').on(t.status, t.createdAt, t.id),
    index('tickets_customer_created_idx').on(t.customerId, t.createdAt, t.id),
    index('tickets_assignee_status_idx').on(t.assigneeId, t.status),
    index('tickets_created_idx').on(t.createdAt, t.id),
    check(
      'tickets_status_check',
      sql`${t.status} in ('new','acknowledged','in_progress','waiting_on_customer','resolved','confirmed','closed','cancelled')`,
    ),
    check('tickets_severity_check', sql`${t.severity} in ('critical','urgent','normal')`),
    check('tickets_channel_check', sql`${t.channel} in ('phone','web','email','fax','remote','api')`),
    check('tickets_kind_check', sql`${t.kind} in ('consultation','request','complaint')`),
  ],
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
    type: text('type').notNull(),
    isInternal: boolean('is_internal').notNull().default(false),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)],
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
    isActive: boolean('is_active').notNull().default(true),
    targets: jsonb('targets').$type<PolicyTargets>().notNull(),
    /** Clocks that stop while the request waits on the customer. */
    pausedMetrics: jsonb('paused_metrics').$type<SlaMetric[]>().notNull(),
    warnPercent: integer('warn_percent').notNull().default(80),
    isBuiltin: boolean('is_builtin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sla_policies_name_key').on(t.name)],
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
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ticket_sla_targets_ticket_metric_key').on(t.ticketId, t.metric),
    // The scheduler's two questions: which running clocks reach their warning or their due instant.
    index('ticket_sla_targets_due_idx').on(t.dueAt).where(sql`${t.state} = 'running'`),
    index('ticket_sla_targets_warn_idx').on(t.warnAt).where(sql`${t.state} = 'running' and ${t.warnedAt} is null`),
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
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailStatus: text('email_status').$type<'pending' | 'sent' | 'failed' | 'none'>().notNull().default('none'),
    emailAttempts: integer('email_attempts').notNull().default(0),
    emailError: text('email_error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_email_pending_idx').on(t.createdAt).where(sql`${t.emailStatus} = 'pending'`),
  ],
);
