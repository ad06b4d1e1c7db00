import type { DistanceClass } from '../sla.ts';
import type { Severity } from '../vocabulary.ts';
import type { PricedPart } from './parts-used.ts';

// Work orders (派工单): the on-site visit from dispatch to the customer's sign-off (DOMAIN.md §4, §7;
// 000 技术支持/维护期服务, 001 2.9, 003 6.6). Pure rules: vocabularies, the status moves, the default
// checklist, the transport suggestion and the signature check. No I/O, no clock.

/** A visit's type; the register row (服务次数登记) carries the same. Only `emergency` uses the yearly quota. */
export const WORK_ORDER_TYPES = ['emergency', 'routine', 'implementation', 'training', 'expansion', 'upgrade'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];
export const VISIT_TYPES = WORK_ORDER_TYPES;
export type VisitType = WorkOrderType;

/** Only emergency repair visits count against a tier's yearly quota (Silver 10, Bronze 5). */
export function countsAgainstQuota(type: VisitType | null | undefined): boolean {
  // Register rows written before visit types existed are emergency visits.
  return (type ?? 'emergency') === 'emergency';
}

export const WORK_ORDER_STATUSES = ['planned', 'on_site', 'checked_out', 'signed_off', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const TRANSPORTS = ['taxi', 'van', 'chartered_car', 'train', 'plane'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** How the customer's maintenance director approved out-of-scope work (003 6.6). */
export const APPROVAL_METHODS = ['phone', 'signed_form'] as const;
export type ApprovalMethod = (typeof APPROVAL_METHODS)[number];

/** The actions an engineer takes on an order, each replayable with a client-generated id. */
export const WORK_ORDER_ACTIONS = ['check_in', 'check_out', 'sign_off', 'update', 'cancel'] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

/** Which status each action needs, and where it leads (update keeps the status). */
const MOVES: Record<WorkOrderAction, { from: readonly WorkOrderStatus[]; to: WorkOrderStatus | null }> = {
  check_in: { from: ['planned'], to: 'on_site' },
  check_out: { from: ['on_site'], to: 'checked_out' },
  sign_off: { from: ['checked_out'], to: 'signed_off' },
  update: { from: ['planned', 'on_site', 'checked_out'], to: null },
  cancel: { from: ['planned'], to: 'cancelled' },
};

/** The status after `action`, or null when the order is not in a status that allows it. */
export function nextStatus(status: WorkOrderStatus, action: WorkOrderAction): WorkOrderStatus | null {
  const move = MOVES[action];
  if (!move.from.includes(status)) return null;
  return move.to ?? status;
}

/** 000 维护期服务: what an engineer does on site. Copied onto each order, where it can be edited. */
export const DEFAULT_CHECKLIST: readonly { key: string; labelZh: string; labelEn: string }[] = [
  { key: 'install_software', labelZh: '安装软件', labelEn: 'Install the software' },
  { key: 'set_parameters', labelZh: '设置系统参数', labelEn: 'Set the system parameters' },
  { key: 'install_supporting', labelZh: '安装支撑软件', labelEn: 'Install supporting software' },
  { key: 'initial_data', labelZh: '协助录入初始数据', labelEn: 'Help with the initial data' },
];

export type ChecklistItem = { key: string; label: string; isDone: boolean };
/** A part line as stored: lines saved before prices (issue 14) lack the price fields (`normalizePartUsed`). */
export type PartUsed = { name: string; quantity: number; isSuppliedByUs: boolean; isUnderWarranty: boolean } & Partial<
  Pick<PricedPart, 'sparePartId' | 'model' | 'unitPriceFen' | 'chargedFen'>
>;

export function defaultChecklist(locale: 'zh-CN' | 'en' = 'zh-CN'): ChecklistItem[] {
  return DEFAULT_CHECKLIST.map((i) => ({ key: i.key, label: locale === 'en' ? i.labelEn : i.labelZh, isDone: false }));
}

/**
 * 001 2.9: a whole-hospital outage (a critical request) outside the vendor's city → a chartered car or
 * the service van; inside the city → a taxi or the van. Anything else: a taxi nearby, the train further
 * away. A suggestion only: the dispatcher picks.
 */
export function suggestTransport({ severity, distance }: { severity: Severity; distance: DistanceClass }): Transport[] {
  const outage = severity === 'critical';
  if (distance === 'same_city') return ['taxi', 'van'];
  if (outage) return ['chartered_car', 'van'];
  return distance === 'same_province' ? ['van', 'train'] : ['train', 'plane'];
}

/** Largest signature accepted: a phone canvas PNG is a few tens of KiB. */
export const SIGNATURE_MAX_BYTES = 512 * 1024;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A `data:image/png;base64,…` URL → its bytes, or why it is refused. */
export function parseSignature(dataUrl: string): { bytes: Uint8Array } | { error: 'not_png' | 'too_large' } {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl);
  if (!m) return { error: 'not_png' };
  const b64 = m[1].replace(/\s/g, '');
  // Base64 is 4 characters per 3 bytes: refuse before decoding what is surely too big.
  if ((b64.length / 4) * 3 > SIGNATURE_MAX_BYTES + 3) return { error: 'too_large' };
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  if (bytes.length > SIGNATURE_MAX_BYTES) return { error: 'too_large' };
  if (bytes.length < PNG_MAGIC.length || PNG_MAGIC.some((b, i) => bytes[i] !== b)) return { error: 'not_png' };
  return { bytes };
}

/**
 * What a work order keeps besides its fields: photos from the engineer's camera, and the customer's
 * scanned signed form (文字确认 on paper) when it is signed on paper instead of on the glass.
 */
export const WORK_ORDER_FILE_KINDS = ['photo', 'signed_form'] as const;
export type WorkOrderFileKind = (typeof WORK_ORDER_FILE_KINDS)[number];

/** Camera formats (HEIC from iPhones); a scanned form may also be a PDF. Decided by the bytes, not the name. */
export const PHOTO_CONTENT_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']);
export const SIGNED_FORM_CONTENT_TYPES: ReadonlySet<string> = new Set([...PHOTO_CONTENT_TYPES, 'application/pdf']);

/** The largest photo or scan kept (the phone downscales to ≤ 1600 px JPEG first; this is the ceiling). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** Photos may be added (and removed by staff) until the customer signs off. */
export function acceptsFiles(status: WorkOrderStatus): boolean {
  return status === 'planned' || status === 'on_site' || status === 'checked_out';
}

/** How the customer confirmed the visit: a signature drawn on the phone, or a scanned signed form. */
export const SIGNATURE_KINDS = ['drawn', 'scanned_form'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

/** How far ahead of the server's clock a device's `at` may be (clock skew), in ms. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** An action's instant as the device reported it: never in the future beyond the skew. */
export function checkActionInstant(at: Date, now: Date): 'ok' | 'future' {
  return at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS ? 'future' : 'ok';
}

/** Whole minutes on site between check-in and check-out. */
export function minutesOnSite(checkInAt: Date, checkOutAt: Date): number {
  return Math.max(0, Math.round((checkOutAt.getTime() - checkInAt.getTime()) / 60_000));
}

/** `PG-2026-0001`: the work order's series in document_counters. */
export const WORK_ORDER_SERIES = { series: 'work_order', prefix: 'PG' } as const;
