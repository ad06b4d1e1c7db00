import { z } from 'zod';
import { ENTITLEMENT_BASES } from '../../../domain/contracts/entitlement.ts';
import { isLocalDate } from '../../../domain/contracts/local-date.ts';
import { ROUTINE_FREQUENCIES, SERVICE_WINDOWS } from '../../../domain/contracts/vocabulary.ts';

/** A calendar date in the service centre's zone. */
export const LocalDate = z.string().refine(isLocalDate, 'must be a calendar date YYYY-MM-DD');
/** Integer fen (分): negative or fractional amounts are refused with a 400. */
export const Fen = z.int('money is a whole number of fen').min(0, 'money cannot be negative');
const text = (max: number) => z.string().trim().min(1).max(max);

// ---------- service tiers ----------
export const TierBody = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase letters, digits, _'),
    nameZh: text(50),
    nameEn: text(50),
    yearlyPriceFen: Fen,
    routineMaintenance: z.enum(ROUTINE_FREQUENCIES),
    /** null = unlimited. */
    emergencyVisitsPerYear: z.int().min(0).nullable(),
    retrainingQuota: z.int().min(0).default(0),
    hasResidentEngineer: z.boolean().default(false),
    hasPriority: z.boolean().default(false),
    serviceWindow: z.enum(SERVICE_WINDOWS),
    isActive: z.boolean().default(true),
  })
  .strict();
export type TierInput = z.infer<typeof TierBody>;

export const UpdateTierBody = z
  .object({
    nameZh: text(50).optional(),
    nameEn: text(50).optional(),
    yearlyPriceFen: Fen.optional(),
    routineMaintenance: z.enum(ROUTINE_FREQUENCIES).optional(),
    emergencyVisitsPerYear: z.int().min(0).nullable().optional(),
    retrainingQuota: z.int().min(0).optional(),
    hasResidentEngineer: z.boolean().optional(),
    hasPriority: z.boolean().optional(),
    serviceWindow: z.enum(SERVICE_WINDOWS).optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type UpdateTierInput = z.infer<typeof UpdateTierBody>;

export const TierResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  yearlyPriceFen: z.number().int(),
  routineMaintenance: z.enum(ROUTINE_FREQUENCIES),
  emergencyVisitsPerYear: z.number().int().nullable(),
  retrainingQuota: z.number().int(),
  hasResidentEngineer: z.boolean(),
  hasPriority: z.boolean(),
  serviceWindow: z.enum(SERVICE_WINDOWS),
  isActive: z.boolean(),
  isBuiltin: z.boolean(),
});
export const TierListResponse = z.object({ items: z.array(TierResponse) });

// ---------- system contracts ----------
const endNotBefore =
  (startKey: string, endKey: string) =>
  (v: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const s = v[startKey];
    const e = v[endKey];
    if (typeof s === 'string' && typeof e === 'string' && e < s) {
      ctx.addIssue({ code: 'custom', path: [endKey], message: `must not be before ${startKey}` });
    }
  };

export const SystemContractBody = z
  .object({
    title: text(200),
    signedDate: LocalDate.nullable().optional(),
    totalPriceFen: Fen,
    /** 初验 (initial acceptance): service takes over (003 6.7). */
    acceptanceDate: LocalDate.nullable().optional(),
    /** 终验 (final acceptance): the free year, upgrades and warranty start (003 6.2). Omitted = the same as acceptanceDate; null = not yet. */
    finalAcceptanceDate: LocalDate.nullable().optional(),
    /** The last day of the free service period the contract states (002 二(三)). */
    freeServiceUntil: LocalDate.nullable().optional(),
    notes: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .superRefine(endNotBefore('signedDate', 'acceptanceDate'))
  .superRefine(endNotBefore('acceptanceDate', 'finalAcceptanceDate'));
export type SystemContractInput = z.infer<typeof SystemContractBody>;

export const UpdateSystemContractBody = z
  .object({
    title: text(200).optional(),
    signedDate: LocalDate.nullable().optional(),
    totalPriceFen: Fen.optional(),
    acceptanceDate: LocalDate.nullable().optional(),
    finalAcceptanceDate: LocalDate.nullable().optional(),
    freeServiceUntil: LocalDate.nullable().optional(),
    notes: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .superRefine(endNotBefore('signedDate', 'acceptanceDate'))
  .superRefine(endNotBefore('acceptanceDate', 'finalAcceptanceDate'));
export type UpdateSystemContractInput = z.infer<typeof UpdateSystemContractBody>;

export const SystemContractResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  title: z.string(),
  signedDate: z.string().nullable(),
  totalPriceFen: z.number().int(),
  acceptanceDate: z.string().nullable(),
  finalAcceptanceDate: z.string().nullable(),
  freeServiceUntil: z.string().nullable(),
  notes: z.string().nullable(),
  /** Derived from the final acceptance date (DOMAIN.md §5); each "until" is the last day covered. */
  freeMaintenanceUntil: z.string().nullable(),
  freeUpgradesUntil: z.string().nullable(),
  hardwareWarrantyUntil: z.string().nullable(),
  suggestedYearlyMaintenanceFeeFen: z.number().int(),
});
export const SystemContractListResponse = z.object({ items: z.array(SystemContractResponse) });

// ---------- service contracts ----------
export const ServiceContractBody = z
  .object({
    customerId: z.uuid(),
    tierId: z.uuid(),
    startDate: LocalDate,
    endDate: LocalDate,
    /** Defaults to the tier's yearly price. */
    priceFen: Fen.optional(),
    /** On-site visits per contract year; defaults to the tier's; null = unlimited. */
    visitQuota: z.int().min(0).nullable().optional(),
    accountOwnerId: z.uuid().nullable().optional(),
    /** Diamond (002): the engineer resident at the hospital for the contract year. */
    residentEngineerId: z.uuid().nullable().optional(),
    notes: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .superRefine(endNotBefore('startDate', 'endDate'));
export type ServiceContractInput = z.infer<typeof ServiceContractBody>;

export const UpdateServiceContractBody = z
  .object({
    startDate: LocalDate.optional(),
    endDate: LocalDate.optional(),
    priceFen: Fen.optional(),
    visitQuota: z.int().min(0).nullable().optional(),
    accountOwnerId: z.uuid().nullable().optional(),
    /** Diamond (002): the engineer resident at the hospital for the contract year. */
    residentEngineerId: z.uuid().nullable().optional(),
    notes: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .superRefine(endNotBefore('startDate', 'endDate'));
export type UpdateServiceContractInput = z.infer<typeof UpdateServiceContractBody>;

export const RenewBody = z
  .object({
    /** Defaults: same tier, the day after the old end, for one year, at the tier's price. */
    tierId: z.uuid().optional(),
    startDate: LocalDate.optional(),
    endDate: LocalDate.optional(),
    priceFen: Fen.optional(),
    visitQuota: z.int().min(0).nullable().optional(),
    accountOwnerId: z.uuid().nullable().optional(),
    /** Diamond (002): the engineer resident at the hospital for the contract year. */
    residentEngineerId: z.uuid().nullable().optional(),
    notes: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .superRefine(endNotBefore('startDate', 'endDate'));
export type RenewInput = z.infer<typeof RenewBody>;

export const ServiceContractResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  tier: TierResponse.pick({ id: true, code: true, nameZh: true, nameEn: true, serviceWindow: true }),
  startDate: z.string(),
  endDate: z.string(),
  priceFen: z.number().int(),
  visitQuota: z.number().int().nullable(),
  /** Visits counted in the contract year containing today (0 outside the contract). */
  visitsUsed: z.number().int(),
  accountOwnerId: z.uuid().nullable(),
  residentEngineerId: z.uuid().nullable().optional(),
  renewalOfId: z.uuid().nullable(),
  renewedById: z.uuid().nullable(),
  notes: z.string().nullable(),
  createdAt: z.date(),
});
export const ServiceContractListResponse = z.object({ items: z.array(ServiceContractResponse) });

export const ListServiceContractsQuery = z.object({
  customerId: z.uuid().optional(),
  /** Contracts in force today whose end is within this many days and that are not yet renewed. */
  expiringWithinDays: z.coerce.number().int().min(0).max(3660).optional(),
});

// ---------- entitlement ----------
export const EntitlementQuery = z.object({
  /** The instant of the call; defaults to now. */
  at: z.iso.datetime({ offset: true }).optional(),
});

export const EntitlementResponse = z.object({
  basis: z.enum(ENTITLEMENT_BASES),
  tier: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }).optional(),
  visitsLeft: z.number().int().nullable().optional(),
  case: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  until: z.string().optional(),
  onSiteUntil: z.string().optional(),
  urgeDeadline: z.string().optional(),
  overridden: z.boolean().optional(),
  serviceContractId: z.uuid().optional(),
  explanation: z.string(),
  explanationKey: z.string(),
  explanationParams: z.record(z.string(), z.union([z.string(), z.number()])),
  locale: z.enum(['zh-CN', 'en']),
  /** The local date the answer is for, in the service zone. */
  date: z.string(),
  /** The customer's named responsible engineer (000) and the contract's resident engineer (002 Diamond). */
  responsibleEngineer: z.object({ id: z.uuid(), name: z.string() }).nullable().optional(),
  residentEngineer: z.object({ id: z.uuid(), name: z.string() }).nullable().optional(),
});

// ---------- entitlement overrides ----------
/** Serve despite "no further service" (case 1 after its deadline, no genuine licence): a reason and a last day. */
export const OverrideBody = z
  .object({
    reason: text(500),
    /** First day it applies; defaults to today in the service zone. */
    fromDate: LocalDate.optional(),
    untilDate: LocalDate,
  })
  .strict()
  .superRefine(endNotBefore('fromDate', 'untilDate'));
export type OverrideInput = z.infer<typeof OverrideBody>;

export const OverrideResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  reason: z.string(),
  fromDate: z.string(),
  untilDate: z.string(),
  createdAt: z.date(),
  createdByName: z.string(),
});
export const OverrideListResponse = z.object({ items: z.array(OverrideResponse) });
