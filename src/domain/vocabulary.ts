// The domain's closed vocabularies (DOMAIN.md §1–§3), shared by server, database checks and web app.
export const ROLES = ['admin', 'manager', 'agent', 'engineer', 'customer'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['admin', 'manager', 'agent', 'engineer'] as const satisfies readonly Role[];

export const SEVERITIES = ['critical', 'urgent', 'normal'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHANNELS = ['phone', 'web', 'email', 'fax', 'remote', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const KINDS = ['consultation', 'request', 'complaint'] as const;
export type Kind = (typeof KINDS)[number];

export const STAGES = ['pre_sale', 'in_sale', 'after_sale'] as const;
export type Stage = (typeof STAGES)[number];

/** 000 "service content": what kind of help is asked for. */
export const CONTENT_CATEGORIES = [
  'software_service',
  'network_hardware_service',
  'training',
  'management_consulting',
  'supporting_software',
  'internet_service',
] as const;
export type ContentCategory = (typeof CONTENT_CATEGORIES)[number];

/** 000 "after-sales content" A–E: what caused the fault. */
export const CAUSE_CATEGORIES = ['platform_damaged', 'vendor_software', 'virus', 'user_operation', 'hardware'] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

export const TEAMS = ['service_center', 'technical_center', 'field', 'rnd'] as const;
export type Team = (typeof TEAMS)[number];

/**
 * A staff user's designation in the company (001 2.2): who leads, deputises and serves on the emergency team.
 * general manager → leader; service director, technical director, service department manager → deputies;
 * the service department's technical backbone → members.
 */
export const STAFF_DESIGNATIONS = [
  'general_manager',
  'service_director',
  'technical_director',
  'service_department_manager',
  'technical_backbone',
] as const;
export type StaffDesignation = (typeof STAFF_DESIGNATIONS)[number];

export const STATUSES = [
  'new',
  'acknowledged',
  'in_progress',
  'waiting_on_customer',
  'resolved',
  'confirmed',
  'closed',
  'cancelled',
] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES = ['new', 'acknowledged', 'in_progress', 'waiting_on_customer'] as const satisfies readonly Status[];

export const CONTACT_ROLES = ['leadership', 'it_director', 'sysadmin', 'department_user', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const CUSTOMER_KINDS = ['hospital', 'agency'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/** Modules a hospital information system vendor ships; free text is allowed too. */
export const COMMON_MODULES = ['HIS', 'EMR', 'LIS', 'PACS', 'RIS', 'HRP', 'CIS', 'NIS', 'OA', 'PORTAL'] as const;

/**
 * 003's service classes (服务类别): general fault (一般性故障), catastrophic fault (灾难性故障), routine
 * maintenance (日常维护), upgrade/patch (升级、打补丁). Each has default promises (domain/sla/service-classes.ts).
 */
export const SERVICE_CLASSES = ['general_fault', 'catastrophic_fault', 'routine_maintenance', 'upgrade_patch'] as const;
export type ServiceClass = (typeof SERVICE_CLASSES)[number];

/** How a request will be handled, decided with the customer at intake (000): remote, on site, escalated, or by the equipment's manufacturer. */
export const HANDLING_APPROACHES = ['remote', 'on_site', 'escalate', 'manufacturer'] as const;
export type HandlingApproach = (typeof HANDLING_APPROACHES)[number];
