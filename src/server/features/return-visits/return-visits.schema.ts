import { z } from 'zod';
import { RETURN_VISIT_KINDS, RETURN_VISIT_OUTCOMES } from '../../../domain/service-quality/vocabulary.ts';
import { SEVERITIES } from '../../../domain/vocabulary.ts';
import { LocalDate } from '../contracts/contracts.schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const KindParams = z.object({ id: z.uuid(), kind: z.enum(RETURN_VISIT_KINDS) });

export const ScheduleBody = z
  .object({
    everyMonths: z.int().min(1).max(24),
    nextDueDate: LocalDate,
  })
  .strict();
export type ScheduleInput = z.infer<typeof ScheduleBody>;

export const ScheduleResponse = z.object({
  kind: z.enum(RETURN_VISIT_KINDS),
  everyMonths: z.number().int(),
  nextDueDate: z.string(),
  /** Not stored yet: derived from the tier of the contract in force. */
  isDefault: z.boolean(),
});

export const RecordBody = z
  .object({
    kind: z.enum(RETURN_VISIT_KINDS),
    /** The day of the call or inspection; today by default. */
    visitedOn: LocalDate.optional(),
    outcome: z.enum(RETURN_VISIT_OUTCOMES),
    note: z.string().trim().max(4000).optional(),
    /** Opens a follow-up service request in the same action (required when the outcome is follow_up). */
    followUp: z
      .object({ title: text(200), description: text(4000), severity: z.enum(SEVERITIES), contactId: z.uuid().optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => v.outcome !== 'follow_up' || v.followUp !== undefined, {
    path: ['followUp'],
    message: 'required when a follow-up is needed',
  });
export type RecordInput = z.infer<typeof RecordBody>;

export const ReturnVisitResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  kind: z.enum(RETURN_VISIT_KINDS),
  dueDate: z.string(),
  visitedOn: z.string(),
  outcome: z.enum(RETURN_VISIT_OUTCOMES),
  note: z.string().nullable(),
  followUpTicketId: z.uuid().nullable(),
  recordedById: z.uuid(),
  createdAt: z.date(),
});
export const RecordResponse = z.object({
  visit: ReturnVisitResponse,
  followUpTicket: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  nextDueDate: z.string(),
});

export const CustomerReturnVisitsResponse = z.object({
  schedules: z.array(ScheduleResponse),
  items: z.array(ReturnVisitResponse),
});

export const DueQuery = z.object({ date: LocalDate.optional() }).strict();
export const DueResponse = z.object({
  date: z.string(),
  items: z.array(
    z.object({
      customerId: z.uuid(),
      customerName: z.string(),
      kind: z.enum(RETURN_VISIT_KINDS),
      dueDate: z.string(),
      everyMonths: z.number().int(),
      isOverdue: z.boolean(),
      contactName: z.string().nullable(),
      contactPhone: z.string().nullable(),
    }),
  ),
});

// ---------- user meetings (用户座谈会) ----------
export const MeetingBody = z
  .object({
    meetingDate: LocalDate,
    title: text(200),
    attendees: z.array(text(100)).min(1).max(200),
    minutes: text(20_000),
    actions: z
      .array(
        z
          .object({
            text: text(1000),
            owner: z.string().trim().max(100).nullable().default(null),
            dueDate: LocalDate.nullable().default(null),
          })
          .strict(),
      )
      .max(100)
      .default([]),
  })
  .strict();
export type MeetingInput = z.infer<typeof MeetingBody>;

export const MeetingResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  meetingDate: z.string(),
  title: z.string(),
  attendees: z.array(z.string()),
  minutes: z.string(),
  actions: z.array(z.object({ text: z.string(), owner: z.string().nullable(), dueDate: z.string().nullable() })),
  createdAt: z.date(),
});
export const MeetingListResponse = z.object({ items: z.array(MeetingResponse) });
