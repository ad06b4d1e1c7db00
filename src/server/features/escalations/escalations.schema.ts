import { z } from 'zod';
import { ESCALATION_PATHS, RMA_OUTCOMES, ROSTER_RUNGS } from '../../../domain/cannot-solve.ts';

const shortText = (max: number) => z.string().trim().min(1).max(max);
const Person = z.object({ id: z.uuid(), name: z.string() });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

// ---------- the roster ----------
export const RosterBody = z
  .object({
    rung: z.enum(ROSTER_RUNGS),
    product: shortText(100).optional(),
    module: shortText(100).optional(),
    userId: z.uuid(),
  })
  .strict();
export type RosterInput = z.infer<typeof RosterBody>;

export const RosterEntryResponse = z.object({
  id: z.uuid(),
  rung: z.enum(ROSTER_RUNGS),
  product: z.string().nullable(),
  module: z.string().nullable(),
  user: Person,
  createdAt: z.date(),
});
export const RosterListResponse = z.object({ items: z.array(RosterEntryResponse) });

// ---------- escalations ----------
export const EscalationBody = z
  .object({
    path: z.enum(ESCALATION_PATHS),
    reason: shortText(4000),
  })
  .strict();
export type EscalationInput = z.infer<typeof EscalationBody>;

export const ReproductionBody = z
  .object({
    environment: shortText(2000),
    steps: shortText(8000),
    reproduced: z.boolean(),
  })
  .strict();
export type ReproductionInput = z.infer<typeof ReproductionBody>;

export const EscalationResponse = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  path: z.enum(ESCALATION_PATHS),
  rung: z.enum(ROSTER_RUNGS),
  reason: z.string(),
  assignee: Person.nullable(),
  reproduction: z
    .object({
      environment: z.string(),
      steps: z.string(),
      reproduced: z.boolean(),
      recordedBy: Person,
      recordedAt: z.date(),
    })
    .nullable(),
  createdBy: Person,
  createdAt: z.date(),
});
export const EscalationListResponse = z.object({ items: z.array(EscalationResponse) });

// ---------- defect reports to the software development centre ----------
export const DefectReportBody = z
  .object({
    summary: shortText(8000),
    /** The escalation whose fault reproduction test the report hands over. */
    escalationId: z.uuid().optional(),
    /** Or a reproduction written here (steps, environment). */
    reproduction: shortText(8000).optional(),
  })
  .strict();
export type DefectReportInput = z.infer<typeof DefectReportBody>;

export const DefectReportResponse = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  summary: z.string(),
  escalationId: z.uuid().nullable(),
  reproduction: z.string().nullable(),
  createdBy: Person,
  createdAt: z.date(),
});
export const DefectReportListResponse = z.object({ items: z.array(DefectReportResponse) });

// ---------- RMA (equipment sent to its manufacturer or authorised agent) ----------
const rmaFields = {
  manufacturer: shortText(200),
  caseNumber: shortText(100).nullable().optional(),
  sentAt: z.coerce.date(),
  returnedAt: z.coerce.date().nullable().optional(),
  outcome: z.enum(RMA_OUTCOMES).nullable().optional(),
  customerToldAt: z.coerce.date().nullable().optional(),
  newDeadline: localDate.nullable().optional(),
  note: shortText(4000).nullable().optional(),
};
export const RmaBody = z.object(rmaFields).strict();
export type RmaInput = z.infer<typeof RmaBody>;
export const RmaPatchBody = z
  .object({ ...rmaFields, manufacturer: rmaFields.manufacturer.optional(), sentAt: rmaFields.sentAt.optional() })
  .strict();
export type RmaPatch = z.infer<typeof RmaPatchBody>;

export const RmaResponse = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  manufacturer: z.string(),
  caseNumber: z.string().nullable(),
  sentAt: z.date(),
  returnedAt: z.date().nullable(),
  outcome: z.enum(RMA_OUTCOMES).nullable(),
  customerToldAt: z.date().nullable(),
  newDeadline: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const RmaListResponse = z.object({ items: z.array(RmaResponse) });
