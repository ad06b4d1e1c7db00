import type { Role } from '../domain/vocabulary.ts';
import { AppError } from './errors.ts';

/** Who is acting: a signed-in user (session cookie) or an integration (API token). */
export type Actor = {
  id: string;
  role: Role;
  customerId: string | null;
  name: string;
  via: 'session' | 'token';
};

export type Action =
  | 'ticket.create'
  | 'ticket.read'
  | 'ticket.update'
  | 'ticket.transition'
  | 'ticket.reply'
  | 'ticket.note'
  | 'ticket.attach'
  | 'ticket.read_internal'
  | 'customer.create'
  | 'customer.read'
  | 'customer.update'
  | 'customer.list'
  | 'contact.create'
  | 'user.create'
  | 'user.update'
  | 'user.list_all'
  | 'user.list_staff'
  | 'audit.read'
  | 'token.manage'
  | 'sla.read'
  | 'sla.manage'
  | 'notification.read'
  // Customer archive and contracts (features/archive, contracts, visits): a customer user reads its
  // own archive, contracts, entitlement and visits; internal notes and economic notes are staff-only.
  | 'archive.read'
  | 'archive.read_internal'
  | 'archive.manage'
  // Spreadsheet import of customers, contacts and modules (features/imports): who manages the archive.
  | 'archive.import'
  | 'contract.read'
  | 'contract.manage'
  | 'tier.manage'
  | 'visit.read'
  | 'visit.create'
  | 'quote.read'
  | 'quote.manage';

/** Resources carry the organisation they belong to; customer users are confined to their own. */
export type Resource = { customerId?: string | null };

/** Everyone on the service side works requests: read, reply, note, attach, move them on. */
const WORK_REQUESTS: readonly Action[] = [
  'ticket.create',
  'ticket.read',
  'ticket.update',
  'ticket.transition',
  'ticket.reply',
  'ticket.note',
  'ticket.attach',
  'ticket.read_internal',
  'customer.read',
  'customer.list',
  'user.list_staff',
  'token.manage',
  'sla.read',
  'notification.read',
  // Engineers go on site: they read the archive and register visits, but sign no contracts.
  'archive.read',
  'archive.read_internal',
  'contract.read',
  'visit.read',
  'visit.create',
  'quote.read',
];

/** The service desk (agents and managers) also keeps the customer archive and its contracts. */
const KEEP_ARCHIVE: readonly Action[] = [
  'customer.create',
  'customer.update',
  'contact.create',
  'archive.manage',
  'archive.import',
  'contract.manage',
  'quote.manage',
];

const STAFF_ACTIONS: Record<Exclude<Role, 'customer'>, ReadonlySet<Action> | 'all'> = {
  admin: 'all',
  manager: new Set<Action>([...WORK_REQUESTS, ...KEEP_ARCHIVE, 'audit.read', 'sla.manage']),
  agent: new Set<Action>([...WORK_REQUESTS, ...KEEP_ARCHIVE]),
  engineer: new Set<Action>(WORK_REQUESTS),
};

const CUSTOMER_ACTIONS = new Set<Action>([
  'ticket.create',
  'ticket.read',
  'ticket.transition',
  'ticket.reply',
  'ticket.attach',
  'customer.read',
  'token.manage',
  'notification.read',
  'archive.read',
  'contract.read',
  'visit.read',
  'quote.read',
]);

// Actions on a specific organisation's data: a customer user may only touch its own.
const SCOPED_ACTIONS = new Set<Action>([
  'ticket.create',
  'ticket.read',
  'ticket.transition',
  'ticket.reply',
  'ticket.attach',
  'customer.read',
  'archive.read',
  'contract.read',
  'visit.read',
  'quote.read',
]);

export function isStaff(actor: Actor): boolean {
  return actor.role !== 'customer';
}

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  if (actor.role === 'customer') {
    if (!CUSTOMER_ACTIONS.has(action)) return false;
    if (SCOPED_ACTIONS.has(action)) return resource !== undefined && resource.customerId === actor.customerId && actor.customerId !== null;
    return true;
  }
  const allowed = STAFF_ACTIONS[actor.role];
  return allowed === 'all' || allowed.has(action);
}

/**
 * Throws when the actor may not act. A customer user asking about another organisation's
 * resource is told it does not exist, so ids of other hospitals' requests leak nothing.
 */
export function authorize(actor: Actor, action: Action, resource?: Resource, what = 'resource'): void {
  if (can(actor, action, resource)) return;
  if (actor.role === 'customer' && resource && resource.customerId !== actor.customerId) {
    throw new AppError('not_found', `${what} not found`);
  }
  throw new AppError('forbidden', `not allowed to ${action.replace('.', ' ')}`);
}

/** The organisation a list must be confined to, or null when the actor sees every customer. */
export function customerScope(actor: Actor): string | null {
  if (actor.role !== 'customer') return null;
  if (!actor.customerId) throw new AppError('forbidden', 'customer user without an organisation');
  return actor.customerId;
}

/** Quotes a customer user may see: those sent to them (a draft's prices are the vendor's working copy). */
export function isQuoteVisibleTo(actor: Actor, quote: { sentAt: Date | null }): boolean {
  return actor.role !== 'customer' || quote.sentAt !== null;
}

/** Staff notes (`notes`/`note`) are blanked for anyone who may not read the archive's internal side. */
export function withoutStaffNotes<T extends { notes?: string | null } | { note?: string | null }>(actor: Actor, row: T): T {
  if (can(actor, 'archive.read_internal')) return row;
  return { ...row, ...('notes' in row ? { notes: null } : {}), ...('note' in row ? { note: null } : {}) };
}
