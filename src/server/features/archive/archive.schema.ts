import { z } from 'zod';
import {
  ACCEPTANCE_STATES,
  CONFIG_ITEM_KINDS,
  DOCUMENT_KINDS,
  FINANCES,
  HANDOVER_ITEMS,
  URGE_LETTER_METHODS,
  WARRANTY_EXCLUSIONS,
} from '../../../domain/contracts/vocabulary.ts';
import { Fen, LocalDate } from '../contracts/contracts.schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Archive additions to the customer (grade, address, province, city, distance class: PATCH /customers/:id). */
export const ProfileBody = z
  .object({
    beds: z.int().min(0).max(100_000).nullable().optional(),
    economicNotes: optText(4000),
    /** The tier recommendation's inputs (002 五(一)): IT staff count, finances (staff only). */
    itStaffCount: z.int().min(0).max(10_000).nullable().optional(),
    finances: z.enum(FINANCES).nullable().optional(),
  })
  .strict();
export type ProfileInput = z.infer<typeof ProfileBody>;

export const ProfileResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  grade: z.string().nullable(),
  province: z.string(),
  city: z.string(),
  address: z.string().nullable(),
  distanceClass: z.string(),
  beds: z.number().int().nullable(),
  itStaffCount: z.number().int().nullable(),
  /** Staff only: absent for customer users. */
  economicNotes: z.string().nullable().optional(),
  finances: z.enum(FINANCES).nullable().optional(),
});

const moduleShape = {
  system: text(50),
  module: text(100),
  version: optText(50),
  goLiveDate: LocalDate.nullable().optional(),
  acceptanceState: z.enum(ACCEPTANCE_STATES).default('not_launched'),
  acceptanceDate: LocalDate.nullable().optional(),
  /** false = run without a genuine licence (002: genuine licences only). */
  genuineLicence: z.boolean().optional(),
  notes: optText(2000),
};
const moduleRules = (v: { acceptanceState?: string; acceptanceDate?: string | null; goLiveDate?: string | null }, ctx: z.RefinementCtx) => {
  if (v.acceptanceState === 'accepted' && !v.acceptanceDate)
    ctx.addIssue({ code: 'custom', path: ['acceptanceDate'], message: 'required when accepted' });
  if (v.acceptanceState && v.acceptanceState !== 'accepted' && v.acceptanceDate)
    ctx.addIssue({ code: 'custom', path: ['acceptanceDate'], message: 'only for accepted modules' });
  if (v.acceptanceDate && v.goLiveDate && v.acceptanceDate < v.goLiveDate)
    ctx.addIssue({ code: 'custom', path: ['acceptanceDate'], message: 'must not be before goLiveDate' });
};
export const ModuleBody = z.object(moduleShape).strict().superRefine(moduleRules);
export type ModuleInput = z.infer<typeof ModuleBody>;
export const UpdateModuleBody = z
  .object({
    version: optText(50),
    goLiveDate: LocalDate.nullable().optional(),
    acceptanceState: z.enum(ACCEPTANCE_STATES).optional(),
    acceptanceDate: LocalDate.nullable().optional(),
    genuineLicence: z.boolean().optional(),
    notes: optText(2000),
  })
  .strict();
export type UpdateModuleInput = z.infer<typeof UpdateModuleBody>;
export const ModuleResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  system: z.string(),
  module: z.string(),
  version: z.string().nullable(),
  goLiveDate: z.string().nullable(),
  acceptanceState: z.enum(ACCEPTANCE_STATES),
  acceptanceDate: z.string().nullable(),
  genuineLicence: z.boolean(),
  notes: z.string().nullable(),
});
export const ModuleListResponse = z.object({ items: z.array(ModuleResponse) });

export const ConfigItemBody = z
  .object({
    kind: z.enum(CONFIG_ITEM_KINDS),
    name: text(100),
    model: optText(100),
    serial: optText(100),
    location: optText(200),
    warrantyEnd: LocalDate.nullable().optional(),
    suppliedByUs: z.boolean().optional(),
    manufacturer: optText(100),
    authorisedAgent: optText(100),
    warrantyExclusion: z.enum(WARRANTY_EXCLUSIONS).nullable().optional(),
    notes: optText(2000),
  })
  .strict();
export type ConfigItemInput = z.infer<typeof ConfigItemBody>;
export const UpdateConfigItemBody = ConfigItemBody.partial();
export const ConfigItemResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  kind: z.enum(CONFIG_ITEM_KINDS),
  name: z.string(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  location: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  suppliedByUs: z.boolean(),
  manufacturer: z.string().nullable(),
  authorisedAgent: z.string().nullable(),
  warrantyExclusion: z.enum(WARRANTY_EXCLUSIONS).nullable(),
  notes: z.string().nullable(),
});
export const ConfigItemListResponse = z.object({ items: z.array(ConfigItemResponse) });

export const ProjectBody = z
  .object({
    contractSignedDate: LocalDate.nullable().optional(),
    teamStationedDate: LocalDate.nullable().optional(),
    /** 初验: service takes over from the project (003 6.7). */
    initialAcceptanceDate: LocalDate.nullable().optional(),
    /** 终验: the free year and the warranty start (003 6.2). Omitted while in step with the initial date: follows it. */
    finalAcceptanceDate: LocalDate.nullable().optional(),
    unacceptedCase: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])
      .nullable()
      .optional(),
    /** Case 1: the formal letter urging acceptance (its two weeks run from this date), how it was sent, its scan. */
    urgeLetterDate: LocalDate.nullable().optional(),
    urgeLetterMethod: z.enum(URGE_LETTER_METHODS).nullable().optional(),
    urgeLetterDocumentId: z.uuid().nullable().optional(),
    /** Case 3: the refund for modules that could not launch, in fen. */
    refundFen: Fen.nullable().optional(),
    /** Case 4: the negotiation task's due date. */
    negotiationDueDate: LocalDate.nullable().optional(),
    notes: optText(4000),
  })
  .strict();
export type ProjectInput = z.infer<typeof ProjectBody>;

export const HandoverBody = z.object({ isDone: z.boolean(), documentId: z.uuid().nullable().optional() }).strict();
export type HandoverInput = z.infer<typeof HandoverBody>;
export const HandoverParams = z.object({ id: z.uuid(), item: z.enum(HANDOVER_ITEMS) });

export const ProjectResponse = z.object({
  customerId: z.uuid(),
  contractSignedDate: z.string().nullable(),
  teamStationedDate: z.string().nullable(),
  initialAcceptanceDate: z.string().nullable(),
  finalAcceptanceDate: z.string().nullable(),
  unacceptedCase: z.number().int().nullable(),
  urgeLetterDate: z.string().nullable(),
  urgeLetterMethod: z.enum(URGE_LETTER_METHODS).nullable(),
  urgeLetterDocumentId: z.uuid().nullable(),
  /** The last day of the two weeks the letter gives (urgeLetterDate + 14 days). */
  urgeDeadline: z.string().nullable(),
  refundFen: z.number().int().nullable(),
  negotiationDueDate: z.string().nullable(),
  notes: z.string().nullable().optional(),
  /** The six handover items of DOMAIN.md §9, always all listed. */
  handover: z.array(z.object({ item: z.enum(HANDOVER_ITEMS), isDone: z.boolean(), documentId: z.uuid().nullable() })),
  isHandoverComplete: z.boolean(),
});

export const DocumentResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  isInternal: z.boolean(),
  createdAt: z.date(),
});
export const DocumentListResponse = z.object({ items: z.array(DocumentResponse) });
export const DocumentParams = z.object({ id: z.uuid(), documentId: z.uuid() });

export const TimelineResponse = z.object({
  items: z.array(
    z.object({
      type: z.enum(['request', 'visit', 'service_contract', 'system_contract', 'document', 'quote', 'override', 'round_skipped']),
      id: z.uuid(),
      at: z.string(),
      title: z.string(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});
