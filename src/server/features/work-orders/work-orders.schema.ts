import { z } from 'zod';
import { APPROVAL_METHODS, SIGNATURE_KINDS, TRANSPORTS, WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from '../../../domain/field/work-orders.ts';
import { Fen } from '../contracts/contracts.schema.ts';

const Instant = z.iso.datetime({ offset: true });
/** A client-generated UUID: the same id applied twice is applied once (offline replays). */
const ClientActionId = z.uuid().optional();

export const CreateWorkOrderBody = z
  .object({
    type: z.enum(WORK_ORDER_TYPES),
    plannedAt: Instant,
    /** Empty: an unassigned order, planned later on the dispatch board. */
    engineerIds: z.array(z.uuid()).max(20),
    transport: z.enum(TRANSPORTS).optional(),
    /** A signed per-visit quote of this customer (a customer without entitlement). */
    quoteId: z.uuid().optional(),
    /** A manager's reason to dispatch a customer without entitlement and without a signed quote. */
    overrideReason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
export type CreateWorkOrderInput = z.infer<typeof CreateWorkOrderBody>;

export const ActionBody = z.object({ at: Instant.optional(), clientActionId: ClientActionId }).strict();
export type ActionInput = z.infer<typeof ActionBody>;

/** The customer's written confirmation of the proposed solution (002 四(二)): who, when. */
export const WrittenConfirmationBody = z
  .object({
    confirmedByName: z.string().trim().min(1).max(100),
    confirmedAt: Instant.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type WrittenConfirmationInput = z.infer<typeof WrittenConfirmationBody>;
export const WrittenConfirmationResponse = z.object({ startsOnSiteClock: z.boolean() });

/** The dispatch board's drag: who goes and when; `version` is the order's version as the board saw it. */
export const AssignBody = z
  .object({
    engineerIds: z.array(z.uuid()).min(1).max(20),
    plannedAt: Instant.optional(),
    version: z.int().min(1),
  })
  .strict();
export type AssignInput = z.infer<typeof AssignBody>;

const ChecklistTemplateItem = z.object({ key: z.string().trim().min(1).max(60), label: z.string().trim().min(1).max(200) }).strict();
export const ChecklistTemplateBody = z
  .object({
    items: z
      .array(ChecklistTemplateItem)
      .max(50)
      .refine((items) => new Set(items.map((i) => i.key)).size === items.length, { message: 'keys must be unique' }),
  })
  .strict();
export type ChecklistTemplateInput = z.infer<typeof ChecklistTemplateBody>;
export const ChecklistTemplateResponse = z.object({
  items: z.array(z.object({ key: z.string(), label: z.string() })),
  updatedAt: z.date().nullable(),
});

export const SignOffBody = z
  .object({
    signerName: z.string().trim().min(1).max(100),
    signerTitle: z.string().trim().max(100).optional(),
    /** `data:image/png;base64,…`: checked for the PNG signature and the size limit in the service. */
    signature: z.string().max(800_000).optional(),
    /** Signed on paper instead: the client id of the scanned form uploaded to POST /work-orders/:id/photos (kind `signed_form`). */
    signedFormClientId: z.uuid().optional(),
    rating: z.int().min(1).max(5).optional(),
    remark: z.string().trim().max(2000).optional(),
    at: Instant.optional(),
    clientActionId: ClientActionId,
  })
  .strict()
  .refine((b) => (b.signature === undefined) !== (b.signedFormClientId === undefined), {
    message: 'either a drawn signature or a scanned signed form',
    path: ['signature'],
  });
export type SignOffInput = z.infer<typeof SignOffBody>;

const ChecklistItem = z
  .object({ key: z.string().trim().min(1).max(60), label: z.string().trim().min(1).max(200), isDone: z.boolean() })
  .strict();
/**
 * A part used (000): from the spare-parts price list (`sparePartId`: name, model and unit price come from the
 * list; a typed `unitPriceFen` above the list's contract price is 400) or named by hand. Priced on the server.
 */
const PartUsedInput = z
  .object({
    sparePartId: z.uuid().nullable().optional(),
    name: z.string().trim().min(1).max(200).optional(),
    model: z.string().trim().max(100).nullable().optional(),
    quantity: z.int().min(1).max(10_000),
    unitPriceFen: Fen.nullable().optional(),
    isSuppliedByUs: z.boolean(),
    isUnderWarranty: z.boolean(),
  })
  .strict()
  .refine((p) => Boolean(p.sparePartId) || Boolean(p.name), { message: 'name a part or choose one from the price list', path: ['name'] });
const PartUsed = z.object({
  sparePartId: z.uuid().nullable(),
  name: z.string(),
  model: z.string().nullable(),
  quantity: z.number().int(),
  /** null: a part not on the list without a price (or saved before prices). */
  unitPriceFen: z.number().int().nullable(),
  isSuppliedByUs: z.boolean(),
  isUnderWarranty: z.boolean(),
  /** quantity × unit price; 0 under warranty or for the customer's own part. */
  chargedFen: z.number().int(),
});

export const UpdateWorkOrderBody = z
  .object({
    workLog: z.string().max(20_000).optional(),
    checklist: z.array(ChecklistItem).max(50).optional(),
    parts: z.array(PartUsedInput).max(100).optional(),
    transport: z.enum(TRANSPORTS).nullable().optional(),
    plannedAt: Instant.optional(),
    /** Out-of-scope work: the maintenance director's approval (003 6.6). */
    approval: z
      .object({ approvedByName: z.string().trim().min(1).max(100), approvedAt: Instant, method: z.enum(APPROVAL_METHODS) })
      .strict()
      .optional(),
    clientActionId: ClientActionId,
  })
  .strict();
export type UpdateWorkOrderInput = z.infer<typeof UpdateWorkOrderBody>;

export const ListQuery = z
  .object({
    /** `me` (the signed-in engineer) or a user id. */
    engineerId: z.union([z.literal('me'), z.uuid()]).optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    status: z.enum(WORK_ORDER_STATUSES).optional(),
  })
  .strict();
export type ListInput = z.infer<typeof ListQuery>;

export const WorkOrderResponse = z.object({
  id: z.uuid(),
  /** PG-2026-0001: gapless per year of the service zone. */
  number: z.string(),
  ticketId: z.uuid(),
  ticketNumber: z.string(),
  ticketTitle: z.string(),
  customerId: z.uuid(),
  customerName: z.string(),
  type: z.enum(WORK_ORDER_TYPES),
  status: z.enum(WORK_ORDER_STATUSES),
  plannedAt: z.date(),
  transport: z.enum(TRANSPORTS).nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  engineers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  quoteId: z.uuid().nullable(),
  overrideReason: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.date().nullable(),
  approvalMethod: z.enum(APPROVAL_METHODS).nullable(),
  checkInAt: z.date().nullable(),
  checkOutAt: z.date().nullable(),
  minutesOnSite: z.number().int().nullable(),
  workLog: z.string(),
  checklist: z.array(ChecklistItem),
  parts: z.array(PartUsed),
  /** What the parts cost the customer (the yearly maintenance fee excludes parts and materials, 000). */
  partsTotalFen: z.number().int(),
  signerName: z.string().nullable(),
  signerTitle: z.string().nullable(),
  hasSignature: z.boolean(),
  /** How the customer signed: on the phone (`drawn`) or a scanned signed paper form. */
  signatureKind: z.enum(SIGNATURE_KINDS).nullable(),
  signedFormId: z.uuid().nullable(),
  rating: z.number().int().nullable(),
  remark: z.string().nullable(),
  signedOffAt: z.date().nullable(),
  visitId: z.uuid().nullable(),
  cancelledAt: z.date().nullable(),
  /** Bumped by every change; the dispatch board sends it back (409 when another change came first). */
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const WorkOrderListResponse = z.object({ items: z.array(WorkOrderResponse) });

/** What the create form suggests for a request: transports by 001 2.9 and the default checklist. */
export const SuggestionResponse = z.object({
  transports: z.array(z.enum(TRANSPORTS)),
  isCovered: z.boolean(),
  basis: z.string(),
});
