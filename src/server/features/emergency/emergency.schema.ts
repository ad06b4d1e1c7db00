import { z } from 'zod';
import { REENTRY_STATES } from '../../../domain/emergency/continuity.ts';
import { INCIDENT_EVENT_TYPES, INCIDENT_ITEM_KINDS, INCIDENT_STATUSES } from '../../../domain/emergency/incident.ts';
import {
  BilingualText,
  CONTINUITY_STAGES,
  DEPARTMENT_KEYS,
  MEASURE_LEVELS,
  PlanContent,
  VENDOR_DESIGNATIONS,
} from '../../../domain/emergency/template.ts';

const note = z.string().trim().max(2000);
const Person = z.object({ id: z.uuid(), name: z.string() });

export const IdParams = z.object({ id: z.uuid() });
export const ItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
export const DepartmentParams = z.object({ id: z.uuid(), departmentId: z.uuid() });

// ---- plans ----

export const SavePlanBody = z.object({ content: PlanContent, reason: z.string().trim().min(1).max(500) }).strict();
export type SavePlanInput = z.infer<typeof SavePlanBody>;

export const PlanResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  version: z.number().int(),
  content: PlanContent,
  vendorTeamNames: z.record(z.string(), z.string()),
  lastDrillAt: z.date().nullable(),
  drillOverdue: z.boolean(),
  updatedAt: z.date(),
});

export const PlanVersionsResponse = z.object({
  items: z.array(z.object({ version: z.number().int(), changedAt: z.date(), changedBy: Person, reason: z.string(), content: PlanContent })),
});

export const PlanListResponse = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      customerId: z.uuid(),
      customerName: z.string(),
      version: z.number().int(),
      lastDrillAt: z.date().nullable(),
      nextDrillDue: z.date(),
      drillOverdue: z.boolean(),
      openIncidents: z.number().int(),
      /** The last emergency-team training (kind emergency_quarterly) and whether this quarter still needs one. */
      lastTrainingOn: z.string().nullable(),
      isTrainingDue: z.boolean(),
      /** Corrective and preventive actions not done yet. */
      openActions: z.number().int(),
    }),
  ),
});

// ---- incidents ----

export const DeclareIncidentBody = z
  .object({
    ticketId: z.uuid(),
    trigger: z.number().int().min(1).max(6),
    failedAt: z.coerce.date().optional(),
    drill: z.boolean().default(false),
    /** A drill alerts the hospital's users only when this is set; a real incident always does. */
    alertHospital: z.boolean().default(false),
    scope: z.string().trim().max(500).default(''),
    impact: z.string().trim().max(2000).default(''),
  })
  .strict();
export type DeclareIncidentInput = z.infer<typeof DeclareIncidentBody>;

export const ListIncidentsQuery = z
  .object({ status: z.enum(['open', 'closed', 'all']).default('open'), customerId: z.uuid().optional(), ticketId: z.uuid().optional() })
  .strict();
export type ListIncidentsFilter = z.infer<typeof ListIncidentsQuery>;

export const TickItemBody = z.object({ note: note.optional() }).strict();
export const RecoverBody = z.object({ recoveredAt: z.coerce.date().optional() }).strict();
export const DepartmentBackBody = z.object({ at: z.coerce.date().optional() }).strict();
export const ReentryBody = z
  .object({
    state: z.enum(['started', 'done', 'waived']),
    engineerId: z.uuid().optional(),
    note: note.optional(),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((b) => b.state !== 'waived' || b.reason, { message: 'a waiver needs a reason', path: ['reason'] });
export type ReentryInput = z.infer<typeof ReentryBody>;
export const ReportFieldsBody = z
  .object({
    cause: note.optional(),
    actionsTaken: note.optional(),
    prevention: note.optional(),
    accountability: note.optional(),
    drillParticipants: note.optional(),
    drillEvaluation: note.optional(),
  })
  .strict();
export type ReportFieldsInput = z.infer<typeof ReportFieldsBody>;
export const ActionParams = z.object({ id: z.uuid(), actionId: z.uuid() });
export const CorrectiveActionBody = z
  .object({
    description: z.string().trim().min(1).max(1000),
    ownerId: z.uuid(),
    dueDate: z.iso.date(),
  })
  .strict();
export type CorrectiveActionInput = z.infer<typeof CorrectiveActionBody>;
export const ActionDoneBody = z.object({ note: note.optional() }).strict();

export const NoteBody = z.object({ body: z.string().trim().min(1).max(2000) }).strict();

const DepartmentName = z.object({ key: z.enum(DEPARTMENT_KEYS).nullable(), name: z.string(), nameEn: z.string() });

const Continuity = z.object({
  stage: z.enum(CONTINUITY_STAGES),
  dueAt: z.date(),
  firedAt: z.date().nullable(),
  departments: z.array(z.string()),
});

export const IncidentSummary = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  ticketNumber: z.string(),
  ticketTitle: z.string(),
  customerId: z.uuid(),
  customerName: z.string(),
  trigger: z.number().int(),
  status: z.enum(INCIDENT_STATUSES),
  isDrill: z.boolean(),
  alertsHospital: z.boolean(),
  failedAt: z.date(),
  declaredAt: z.date(),
  recoveredAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  departmentsOnPaper: z.array(z.string()),
  /** The same departments with their stable keys (default departments; labels in the web's zh-CN/en resources). */
  onPaper: z.array(DepartmentName),
  activatedAt: z.date().nullable(),
  /** 补录 progress: departments that went manual, and those done or waived. */
  reentry: z.object({ total: z.number().int(), finished: z.number().int() }),
});
export const IncidentListResponse = z.object({ items: z.array(IncidentSummary) });

export const IncidentDetailResponse = IncidentSummary.extend({
  measureLevel: z.enum(MEASURE_LEVELS),
  planVersion: z.number().int(),
  declaredBy: Person,
  scope: z.string(),
  impact: z.string(),
  activatedAt: z.date().nullable(),
  cause: z.string(),
  actionsTaken: z.string(),
  prevention: z.string(),
  /** Staff only (empty for a hospital user). */
  accountability: z.string(),
  drillParticipants: z.string(),
  drillEvaluation: z.string(),
  continuity: z.array(Continuity),
  nextStage: z.object({ stage: z.enum(CONTINUITY_STAGES), dueAt: z.date(), remainingMs: z.number() }).nullable(),
  departments: z.array(
    z.object({
      id: z.uuid(),
      key: z.enum(DEPARTMENT_KEYS).nullable(),
      name: z.string(),
      nameEn: z.string(),
      stage: z.enum(CONTINUITY_STAGES),
      manualFrom: z.date().nullable(),
      backAt: z.date().nullable(),
      minutesOnPaper: z.number().int(),
      reentryState: z.enum(REENTRY_STATES),
      reentryEngineer: Person.nullable(),
      reentryStartedAt: z.date().nullable(),
      reentryDoneAt: z.date().nullable(),
      reentryNote: z.string().nullable(),
      waivedReason: z.string().nullable(),
    }),
  ),
  reentryOutstanding: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(INCIDENT_ITEM_KINDS),
      position: z.number().int(),
      text: BilingualText,
      doneAt: z.date().nullable(),
      doneBy: Person.nullable(),
      note: z.string().nullable(),
    }),
  ),
  vendorTeam: z.array(z.object({ userId: z.uuid(), name: z.string(), designation: z.enum(VENDOR_DESIGNATIONS), phone: z.string() })),
  hospitalTeam: z.array(z.object({ name: z.string(), role: z.string(), title: z.string(), phone: z.string() })),
  events: z.array(
    z.object({
      id: z.number().int(),
      type: z.enum(INCIDENT_EVENT_TYPES),
      at: z.date(),
      actor: Person.nullable(),
      body: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
      isInternal: z.boolean(),
    }),
  ),
  mayActivate: z.boolean(),
  /** Corrective and preventive actions (001 2.10 (3)); staff only. */
  actions: z.array(
    z.object({
      id: z.uuid(),
      description: z.string(),
      owner: Person,
      dueDate: z.string(),
      doneAt: z.date().nullable(),
      doneNote: z.string().nullable(),
      isOverdue: z.boolean(),
    }),
  ),
});
export type IncidentDetail = z.infer<typeof IncidentDetailResponse>;
