import { z } from 'zod';
import { ON_SITE_STARTS } from '../../../domain/sla/on-site.ts';
import { DEFAULT_ESCALATION_LADDER, DISTANCE_CLASSES, SLA_METRICS } from '../../../domain/sla.ts';
import { CONTENT_CATEGORIES, CUSTOMER_KINDS, SERVICE_CLASSES, SEVERITIES } from '../../../domain/vocabulary.ts';
import { SlaTargetView } from './sla-target.schema.ts';

const MAX_TARGET_MINUTES = 60 * 24 * 366;
const Minutes = z.number().int().min(1).max(MAX_TARGET_MINUTES);
const TargetRuleSchema = z.strictObject({ minutes: Minutes, calendarId: z.uuid() });
const OnSiteRuleSchema = z.strictObject({
  calendarId: z.uuid(),
  minutes: z.strictObject({ same_city: Minutes, same_province: Minutes, elsewhere: Minutes }),
});
const SeverityTargetsSchema = z.strictObject({
  first_response: TargetRuleSchema,
  reply: TargetRuleSchema,
  solution: TargetRuleSchema,
  resolution: TargetRuleSchema,
  on_site: OnSiteRuleSchema,
});
export const PolicyTargetsSchema = z.strictObject({
  critical: SeverityTargetsSchema,
  urgent: SeverityTargetsSchema,
  normal: SeverityTargetsSchema,
});

const LadderHours = z
  .number()
  .min(0)
  .max(24 * 30);
/** Business hours to each rung: the senior engineer after the first breach, then the product technical manager, then R&D. */
export const EscalationLadderSchema = z.strictObject({
  senior_engineer: LadderHours,
  product_manager: LadderHours,
  rnd: LadderHours,
});

/** Provinces or cities with their own distance class or explicit hours (002: 北京及周边城市特殊处理). */
const PlaceName = z.string().trim().min(1).max(50);
export const OnSiteRulesSchema = z
  .array(
    z.union([
      z.strictObject({ province: PlaceName, city: PlaceName.nullable().optional(), distance: z.enum(DISTANCE_CLASSES) }),
      z.strictObject({ province: PlaceName, city: PlaceName.nullable().optional(), hours: z.number().positive().max(720) }),
    ]),
  )
  .max(100);

export const CreatePolicyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  priority: z.number().int().min(-1000).max(1000).default(0),
  customerId: z.uuid().nullable().default(null),
  contentCategory: z.enum(CONTENT_CATEGORIES).nullable().default(null),
  tier: z.string().trim().min(1).max(50).nullable().default(null),
  /** Priority by industry (000): only customers of this kind. */
  customerKind: z.enum(CUSTOMER_KINDS).nullable().default(null),
  /** Only requests of this service class (003). */
  serviceClass: z.enum(SERVICE_CLASSES).nullable().default(null),
  isActive: z.boolean().default(true),
  targets: PolicyTargetsSchema,
  pausedMetrics: z.array(z.enum(SLA_METRICS)).max(5).default(['reply', 'solution', 'resolution']),
  warnPercent: z.number().int().min(1).max(99).default(80),
  escalationLadder: EscalationLadderSchema.default(DEFAULT_ESCALATION_LADDER),
  onSiteStart: z.enum(ON_SITE_STARTS).default('dispatch'),
  onSiteRules: OnSiteRulesSchema.default([]),
});
export type CreatePolicyInput = z.infer<typeof CreatePolicyBody>;
export const UpdatePolicyBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  customerId: z.uuid().nullable().optional(),
  contentCategory: z.enum(CONTENT_CATEGORIES).nullable().optional(),
  tier: z.string().trim().min(1).max(50).nullable().optional(),
  customerKind: z.enum(CUSTOMER_KINDS).nullable().optional(),
  serviceClass: z.enum(SERVICE_CLASSES).nullable().optional(),
  isActive: z.boolean().optional(),
  targets: PolicyTargetsSchema.optional(),
  pausedMetrics: z.array(z.enum(SLA_METRICS)).max(5).optional(),
  warnPercent: z.number().int().min(1).max(99).optional(),
  escalationLadder: EscalationLadderSchema.optional(),
  onSiteStart: z.enum(ON_SITE_STARTS).optional(),
  onSiteRules: OnSiteRulesSchema.optional(),
});
export type UpdatePolicyInput = z.infer<typeof UpdatePolicyBody>;

export const PolicyResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  priority: z.number().int(),
  customerId: z.uuid().nullable(),
  contentCategory: z.enum(CONTENT_CATEGORIES).nullable(),
  tier: z.string().nullable(),
  customerKind: z.enum(CUSTOMER_KINDS).nullable(),
  serviceClass: z.enum(SERVICE_CLASSES).nullable(),
  isActive: z.boolean(),
  targets: PolicyTargetsSchema,
  pausedMetrics: z.array(z.enum(SLA_METRICS)),
  warnPercent: z.number().int(),
  escalationLadder: EscalationLadderSchema,
  onSiteStart: z.enum(ON_SITE_STARTS),
  onSiteRules: OnSiteRulesSchema,
  isBuiltin: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const PolicyListResponse = z.object({ items: z.array(PolicyResponse) });

/** The breach-risk list's query; its response (requests with their clock at risk) is the tickets feature's. */
export const AtRiskQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const ArrivalBody = z.strictObject({ note: z.string().trim().max(2000).optional() });

export { DISTANCE_CLASSES, SEVERITIES, SlaTargetView };
