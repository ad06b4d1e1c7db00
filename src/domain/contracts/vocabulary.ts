// Closed vocabularies of the customer archive and contracts (DOMAIN.md §5, §7, §9): shared by the
// database CHECK constraints, the API schemas and the web.

/** `on_hold` (搁置): a module the hospital could not launch, put on hold while the launched ones are accepted (002 二(二)). */
export const ACCEPTANCE_STATES = ['accepted', 'running_unaccepted', 'not_launched', 'on_hold'] as const;
export type AcceptanceState = (typeof ACCEPTANCE_STATES)[number];

export const CONFIG_ITEM_KINDS = ['server', 'os', 'database', 'network', 'printer', 'other'] as const;
export type ConfigItemKind = (typeof CONFIG_ITEM_KINDS)[number];

/** The handover from project to service at initial acceptance requires these six documents (§9). */
export const HANDOVER_ITEMS = [
  'project_plan',
  'technical_manual',
  'maintenance_manual',
  'project_summary',
  'acceptance_report',
  'service_agreement',
] as const;
export type HandoverItem = (typeof HANDOVER_ITEMS)[number];

/** `confidentiality_undertaking`: 保密承诺, the vendor's undertaking filed with remote access (001 1.3, 003 6.6). */
export const DOCUMENT_KINDS = [
  ...HANDOVER_ITEMS,
  'contract',
  'signed_quote',
  'service_report',
  'confidentiality_undertaking',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const ROUTINE_FREQUENCIES = ['resident', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'none'] as const;
export type RoutineFrequency = (typeof ROUTINE_FREQUENCIES)[number];

export const SERVICE_WINDOWS = ['7x24', '5x8'] as const;
export type ServiceWindow = (typeof SERVICE_WINDOWS)[number];

export const QUOTE_STATES = ['draft', 'sent', 'signed', 'cancelled'] as const;
export type QuoteState = (typeof QUOTE_STATES)[number];

/** Days before a service contract's end at which the account owner is reminded to renew. */
export const REMINDER_DAYS = [60, 30, 7] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

/**
 * Why a project running for over six months is still not accepted (§5, 002 二): each has its own
 * prescribed handling. 1 the hospital's fault; 2 the hospital could not launch some modules;
 * 3 the vendor's modules were not mature; 4 the two sides disagree.
 */
export const UNACCEPTED_CASES = [1, 2, 3, 4] as const;
export type UnacceptedCase = (typeof UNACCEPTED_CASES)[number];

/** Why a warranty claim is refused (000, 003): damage by people, wrong operation, force majeure. */
export const WARRANTY_EXCLUSIONS = ['human_damage', 'wrong_operation', 'force_majeure'] as const;
export type WarrantyExclusion = (typeof WARRANTY_EXCLUSIONS)[number];

/** How the formal letter urging acceptance (unaccepted case 1) was sent. */
export const URGE_LETTER_METHODS = ['post', 'courier', 'fax', 'email', 'by_hand'] as const;
export type UrgeLetterMethod = (typeof URGE_LETTER_METHODS)[number];

/** Case 1: the hospital has two weeks from the formal letter to accept (002 二(二)1). */
export const URGE_DEADLINE_DAYS = 14;

/** 000: 30 days of on-site service after acceptance. */
export const ON_SITE_DAYS_AFTER_ACCEPTANCE = 30;

/** The hospital's finances as the archive records them, for the tier recommendation (002 五(一)3). */
export const FINANCES = ['ample', 'moderate', 'tight'] as const;
export type Finances = (typeof FINANCES)[number];
