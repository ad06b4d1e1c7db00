import { z } from 'zod';
import { ASSESSMENT_RATINGS, ASSESSMENT_SECTIONS } from '../../../domain/maintenance/assessment.ts';
import { CHECKLIST_SECTIONS, ITEM_RESULTS, MEASUREMENTS } from '../../../domain/maintenance/checklist.ts';
import { ROUND_VIEW_STATUSES, SKIP_REASONS } from '../../../domain/maintenance/schedule.ts';
import { SEVERITIES } from '../../../domain/vocabulary.ts';
import { SignOffBody } from '../work-orders/work-orders.schema.ts';

const LocalDate = z.iso.date();

export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2199) }).strict();

/** `due` (planned by the horizon, default 30 days) or `overdue` (window ended, not done). */
export const DueQuery = z
  .object({ due: z.enum(['due', 'overdue']).default('due'), days: z.coerce.number().int().min(0).max(366).default(30) })
  .strict();
export type DueInput = z.infer<typeof DueQuery>;

/** A day off (a holiday, a weekend) is refused unless a reason is given; the reason is kept. */
export const ReplanBody = z
  .object({
    plannedDate: LocalDate,
    reason: z.string().trim().min(1).max(500).optional(),
    assigneeId: z.uuid().nullable().optional(),
  })
  .strict();
export type ReplanInput = z.infer<typeof ReplanBody>;

export const StartBody = z
  .object({
    /** When the engineers plan to arrive; default 09:00 of the planned date in the service centre's zone. */
    plannedAt: z.iso.datetime({ offset: true }).optional(),
    engineerIds: z.array(z.uuid()).min(1).max(20).optional(),
  })
  .strict();
export type StartInput = z.infer<typeof StartBody>;

const Measurements = z.partialRecord(z.enum(MEASUREMENTS), z.string().trim().min(1).max(200));

export const ResultsBody = z
  .object({
    results: z
      .array(
        z
          .object({
            itemKey: z.string().trim().min(1).max(60),
            result: z.enum(ITEM_RESULTS),
            note: z.string().trim().max(2000).optional(),
            measurements: Measurements.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();
export type ResultsInput = z.infer<typeof ResultsBody>;

export const ProblemBody = z
  .object({
    itemKey: z.string().trim().min(1).max(60),
    title: z.string().trim().min(1).max(200).optional(),
    severity: z.enum(SEVERITIES).default('normal'),
  })
  .strict();
export type ProblemInput = z.infer<typeof ProblemBody>;

export const SignBody = SignOffBody;

/** Skipping a round not started: why (merged / other need a note saying which visit or what happened). */
export const SkipBody = z
  .object({
    reason: z.enum(SKIP_REASONS),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type SkipInput = z.infer<typeof SkipBody>;

const ChecklistItemSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,60}$/),
    section: z.enum(CHECKLIST_SECTIONS),
    labelZh: z.string().trim().min(1).max(200),
    labelEn: z.string().trim().min(1).max(200),
    measurements: z.array(z.enum(MEASUREMENTS)).max(MEASUREMENTS.length).default([]),
  })
  .strict();

export const ChecklistBody = z.object({ items: z.array(ChecklistItemSchema).min(1).max(50) }).strict();
export type ChecklistInput = z.infer<typeof ChecklistBody>;

export const ChecklistResponse = z.object({
  id: z.uuid(),
  version: z.int(),
  items: z.array(ChecklistItemSchema),
  createdAt: z.date(),
});

export const ChecklistListResponse = z.object({ items: z.array(ChecklistResponse) });

export const BackupPlanSchema = z
  .object({
    what: z.string().trim().min(1).max(500),
    location: z.string().trim().min(1).max(500),
    frequency: z.string().trim().min(1).max(200),
    offsiteCopy: z.string().trim().max(500).nullable(),
    lastVerifiedRestore: LocalDate.nullable(),
  })
  .strict();

export const ProfileBody = z
  .object({
    isKeyCustomer: z.boolean().optional(),
    calendarId: z.uuid().nullable().optional(),
    backupPlan: BackupPlanSchema.nullable().optional(),
  })
  .strict();
export type ProfileInput = z.infer<typeof ProfileBody>;

export const ProfileResponse = z.object({
  customerId: z.uuid(),
  isKeyCustomer: z.boolean(),
  calendarId: z.uuid().nullable(),
  backupPlan: BackupPlanSchema.nullable(),
});

export const RoundResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  contractYear: z.int(),
  windowStart: LocalDate,
  windowEnd: LocalDate,
  plannedDate: LocalDate.nullable(),
  isPlannedByHand: z.boolean(),
  replanReason: z.string().nullable(),
  status: z.enum(ROUND_VIEW_STATUSES),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  ticketId: z.uuid().nullable(),
  workOrderId: z.uuid().nullable(),
  workOrderNumber: z.string().nullable(),
  workOrderStatus: z.string().nullable(),
  checklistVersion: z.int().nullable(),
  isFreeYear: z.boolean(),
  /** Who skipped the round, when and why (null unless skipped). */
  skip: z
    .object({
      reason: z.enum(SKIP_REASONS),
      note: z.string().nullable(),
      at: z.date(),
      by: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    })
    .nullable(),
});
export const RoundListResponse = z.object({ items: z.array(RoundResponse) });

export const RoundDetailResponse = RoundResponse.extend({
  isKeyCustomer: z.boolean(),
  /** The round's checklist: the version it started with, or the latest before it starts. */
  checklist: z.array(ChecklistItemSchema),
  results: z.array(
    z.object({
      itemKey: z.string(),
      result: z.enum(ITEM_RESULTS),
      note: z.string().nullable(),
      measurements: Measurements,
      ticketId: z.uuid().nullable(),
      ticketNumber: z.string().nullable(),
    }),
  ),
});

// ---------- the system operation assessment (000 G) ----------

const AssessmentSectionSchema = z
  .object({
    key: z.enum(ASSESSMENT_SECTIONS),
    rating: z.enum(ASSESSMENT_RATINGS),
    findings: z.string().trim().min(1).max(4000),
    recommendations: z.string().trim().max(4000).nullable().optional(),
  })
  .strict();

/** Every section of the template once; the year assessed; optionally the round it was made with. */
export const AssessmentBody = z
  .object({
    period: z.int().min(2000).max(2199),
    assessedOn: LocalDate,
    roundId: z.uuid().optional(),
    sections: z
      .array(AssessmentSectionSchema)
      .min(1)
      .max(ASSESSMENT_SECTIONS.length * 2),
    summary: z.string().trim().min(1).max(4000),
  })
  .strict();
export type AssessmentInput = z.infer<typeof AssessmentBody>;

export const AssessmentResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  period: z.int(),
  assessedOn: LocalDate,
  roundId: z.uuid().nullable(),
  sections: z.array(
    z.object({
      key: z.enum(ASSESSMENT_SECTIONS),
      rating: z.enum(ASSESSMENT_RATINGS),
      findings: z.string(),
      recommendations: z.string().nullable(),
    }),
  ),
  summary: z.string(),
  /** The PDF filed in the customer's archive (documents). */
  documentId: z.uuid().nullable(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.date(),
});
export const AssessmentListResponse = z.object({ items: z.array(AssessmentResponse) });
