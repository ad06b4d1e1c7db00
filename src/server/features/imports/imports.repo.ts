import { asc, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { contacts, customerModules, customers } from '../../db/schema.ts';

// Multi-row inserts in slices: PostgreSQL allows 65,535 parameters per statement.
const SLICE = 1000;

async function inSlices<T, R>(values: T[], insert: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += SLICE) out.push(...(await insert(values.slice(i, i + SLICE))));
  return out;
}

/**
 * Customers with these exact names. `lock` takes their rows FOR UPDATE, in id order so two imports
 * touching the same hospitals cannot deadlock: contacts and modules are checked and written while
 * no one else adds to those customers through an import or the archive (which locks the same row).
 */
export async function selectCustomersByName(tx: Tx, names: string[], { lock = false }: { lock?: boolean } = {}) {
  if (names.length === 0) return [];
  const query = tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(inArray(customers.name, names))
    .orderBy(asc(customers.id));
  return lock ? query.for('update') : query;
}

export async function selectContactNames(tx: Tx, customerIds: string[]) {
  if (customerIds.length === 0) return [];
  return tx
    .select({ customerId: contacts.customerId, name: contacts.name })
    .from(contacts)
    .where(inArray(contacts.customerId, customerIds));
}

export async function selectModuleNames(tx: Tx, customerIds: string[]) {
  if (customerIds.length === 0) return [];
  return tx
    .select({ customerId: customerModules.customerId, system: customerModules.system, module: customerModules.module })
    .from(customerModules)
    .where(inArray(customerModules.customerId, customerIds));
}

/** Rows whose name was taken meanwhile are skipped (ON CONFLICT DO NOTHING): the caller counts. */
export async function insertCustomers(tx: Tx, values: (typeof customers.$inferInsert)[]) {
  return inSlices(values, (slice) => tx.insert(customers).values(slice).onConflictDoNothing().returning({ id: customers.id }));
}

export async function insertContacts(tx: Tx, values: (typeof contacts.$inferInsert)[]) {
  // A new primary contact replaces the customer's current one, as POST /customers/:id/contacts does.
  const primaryOf = [...new Set(values.filter((v) => v.isPrimary).map((v) => v.customerId))];
  if (primaryOf.length > 0) await tx.update(contacts).set({ isPrimary: false }).where(inArray(contacts.customerId, primaryOf));
  return inSlices(values, (slice) => tx.insert(contacts).values(slice).returning({ id: contacts.id }));
}

export async function insertModules(tx: Tx, values: (typeof customerModules.$inferInsert)[]) {
  return inSlices(values, (slice) => tx.insert(customerModules).values(slice).onConflictDoNothing().returning({ id: customerModules.id }));
}
