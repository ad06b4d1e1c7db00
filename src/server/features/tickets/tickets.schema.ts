import { z } from 'zod';
import { TIMELINE_EVENT_TYPES } from '../../../domain/timeline.ts';
import {
  CAUSE_CATEGORIES,
  CHANNELS,
  CONTENT_CATEGORIES,
  HANDLING_APPROACHES,
  KINDS,
  SERVICE_CLASSES,
  SEVERITIES,
  STAGES,
  STATUSES,
  TEAMS,
} from '../../../domain/vocabulary.ts';
import { SlaTargetView } from '../sla/sla-target.schema.ts';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;
export const COMMENT_MAX = 20_000;

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

export const CreateTicketBody = z
  .object({
    customerId: z.uuid(),
    contactId: z.uuid().optional(),
    title: z.string().trim().min(1).max(TITLE_MAX),
    description: z.string().trim().min(1).max(DESCRIPTION_MAX),
    severity: z.enum(SEVERITIES),
    channel: z.enum(CHANNELS),
    kind: z.enum(KINDS),
    stage: z.enum(STAGES).optional(),
    contentCategory: z.enum(CONTENT_CATEGORIES).optional(),
    causeCategory: z.enum(CAUSE_CATEGORIES).optional(),
    module: optionalText(100),
    /** 003's service class; policies may select on it. */
    serviceClass: z.enum(SERVICE_CLASSES).optional(),
    /** How it will be handled, decided with the customer (000). */
    handlingApproach: z.enum(HANDLING_APPROACHES).optional(),
    /** Omitted by staff: the customer's responsible engineer (000), when there is one. */
    assigneeId: z.uuid().optional(),
    team: z.enum(TEAMS).optional(),
  })
  .strict();
export type CreateTicketInput = z.infer<typeof CreateTicketBody>;

/** Every field optional; `null` clears. `version` guards against two agents overwriting each other. */
export const UpdateTicketBody = z
  .object({
    title: z.string().trim().min(1).max(TITLE_MAX).optional(),
    description: z.string().trim().min(1).max(DESCRIPTION_MAX).optional(),
    severity: z.enum(SEVERITIES).optional(),
    kind: z.enum(KINDS).optional(),
    stage: z.enum(STAGES).optional(),
    contactId: z.uuid().nullable().optional(),
    contentCategory: z.enum(CONTENT_CATEGORIES).nullable().optional(),
    causeCategory: z.enum(CAUSE_CATEGORIES).nullable().optional(),
    module: z.string().trim().min(1).max(100).nullable().optional(),
    serviceClass: z.enum(SERVICE_CLASSES).nullable().optional(),
    handlingApproach: z.enum(HANDLING_APPROACHES).nullable().optional(),
    assigneeId: z.uuid().nullable().optional(),
    team: z.enum(TEAMS).nullable().optional(),
    version: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateTicketInput = z.infer<typeof UpdateTicketBody>;

export const TransitionBody = z
  .object({
    to: z.enum(STATUSES),
    comment: z.string().trim().max(COMMENT_MAX).optional(),
    resolution: z.string().trim().max(COMMENT_MAX).optional(),
    confirmedByName: z.string().trim().max(100).optional(),
    version: z.number().int().positive().optional(),
  })
  .strict();
export type TransitionInput = z.infer<typeof TransitionBody>;

export const CommentBody = z
  .object({
    body: z.string().trim().min(1).max(COMMENT_MAX),
    internal: z.boolean().default(false),
    /** A logged phone call-back counts as a response just like a written reply. */
    isPhoneCall: z.boolean().default(false),
    /** A public reply that proposes the solution: meets the solution-proposal target. */
    isSolution: z.boolean().default(false),
  })
  .strict();
export type CommentInput = z.infer<typeof CommentBody>;

/**
 * `relevance` (ts_rank) applies with a full-text `text`; it is the default then, `priority` otherwise: most
 * severe first, within a severity the open critical/urgent requests of a tier with priority (002: Diamond)
 * first, then newest first.
 */
export const SORTS = ['priority', 'created_desc', 'created_asc', 'updated_desc', 'severity', 'relevance'] as const;
export type TicketSort = (typeof SORTS)[number];

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const ListTicketsQuery = z.object({
  status: csv(STATUSES).optional(),
  severity: csv(SEVERITIES).optional(),
  customerId: z.uuid().optional(),
  /** A user id, `me`, or `none` for unassigned. */
  assigneeId: z.union([z.uuid(), z.literal('me'), z.literal('none')]).optional(),
  team: z.enum(TEAMS).optional(),
  contentCategory: z.enum(CONTENT_CATEGORIES).optional(),
  causeCategory: z.enum(CAUSE_CATEGORIES).optional(),
  /** Full-text search (Chinese and English), or an exact request number such as SR-2026-000123. */
  text: z.string().trim().max(200).optional(),
  sort: z.enum(SORTS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type ListTicketsFilter = z.infer<typeof ListTicketsQuery>;

const UserRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const TicketResponse = z.object({
  id: z.uuid(),
  number: z.string(),
  customerId: z.uuid(),
  customerName: z.string(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  channel: z.enum(CHANNELS),
  kind: z.enum(KINDS),
  stage: z.enum(STAGES),
  contentCategory: z.enum(CONTENT_CATEGORIES).nullable(),
  causeCategory: z.enum(CAUSE_CATEGORIES).nullable(),
  severity: z.enum(SEVERITIES),
  module: z.string().nullable(),
  serviceClass: z.enum(SERVICE_CLASSES).nullable(),
  handlingApproach: z.enum(HANDLING_APPROACHES).nullable(),
  title: z.string(),
  description: z.string(),
  status: z.enum(STATUSES),
  assignee: UserRef,
  team: z.enum(TEAMS).nullable(),
  resolutionSummary: z.string().nullable(),
  resolvedAt: z.date().nullable(),
  confirmedAt: z.date().nullable(),
  confirmedByName: z.string().nullable(),
  closedAt: z.date().nullable(),
  firstRespondedAt: z.date().nullable(),
  escalationLevel: z.number().int(),
  /** Every promise on the card with its clock (empty when no SLA policy applies). */
  sla: z.array(SlaTargetView),
  createdBy: UserRef,
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TicketDto = z.infer<typeof TicketResponse>;

export const TicketEventResponse = z.object({
  id: z.number().int(),
  type: z.enum(TIMELINE_EVENT_TYPES),
  actor: z.object({ id: z.uuid(), name: z.string(), role: z.string() }).nullable(),
  isInternal: z.boolean(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export type TicketEventDto = z.infer<typeof TicketEventResponse>;

export const AttachmentResponse = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  isInternal: z.boolean(),
  uploadedBy: UserRef,
  createdAt: z.date(),
});
export type AttachmentDto = z.infer<typeof AttachmentResponse>;

export const TicketDetailResponse = TicketResponse.extend({
  events: z.array(TicketEventResponse),
  attachments: z.array(AttachmentResponse),
  allowedTransitions: z.array(z.enum(STATUSES)),
});

export const TicketListResponse = z.object({ items: z.array(TicketResponse), nextCursor: z.string().nullable() });

export const TicketCountsResponse = z.object({
  byStatus: z.record(z.string(), z.number().int()),
  myOpen: z.number().int(),
  unassignedCritical: z.number().int(),
  waitingOnCustomer: z.number().int(),
  open: z.number().int(),
});

export const TicketIdParams = z.object({ id: z.uuid() });

/** The breach-risk list: each request still owing something, with its clock most at risk. */
export const AtRiskResponse = z.object({
  items: z.array(z.object({ ticket: TicketResponse, target: SlaTargetView })),
});
