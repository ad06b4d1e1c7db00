import { and, asc, eq, gt, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { OPEN_STATUSES } from '../../../domain/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import { contacts, customers, tickets, users } from '../../db/schema.ts';
import { escapeLike } from '../../lib/like.ts';
import type { ContactInput, CreateCustomerInput, UpdateCustomerInput } from './customers.schema.ts';

export async function insertCustomer(tx: Tx, input: CreateCustomerInput, at: Date) {
  const [row] = await tx
    .insert(customers)
    .values({ ...input, createdAt: at, updatedAt: at })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function findCustomer(tx: Tx, id: string) {
  const [row] = await tx.select().from(customers).where(eq(customers.id, id));
  return row;
}

/** Whether the customer exists; `lock` holds its row until the transaction ends (customer-records.ts). */
export async function customerExists(tx: Tx, id: string, { lock = false }: { lock?: boolean } = {}) {
  const query = tx.select({ id: customers.id }).from(customers).where(eq(customers.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row !== undefined;
}

export async function findCustomerByName(tx: Tx, name: string) {
  const [row] = await tx.select().from(customers).where(eq(customers.name, name));
  return row;
}

/** An active staff user (the responsible engineer must be one). */
export async function findActiveStaffUser(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, id), eq(users.isActive, true), ne(users.role, 'customer')));
  return row;
}

export async function updateCustomerRow(tx: Tx, id: string, input: UpdateCustomerInput, at: Date) {
  const [row] = await tx
    .update(customers)
    .set({ ...input, updatedAt: at })
    .where(eq(customers.id, id))
    .returning();
  return row;
}

// Drizzle writes a single-table select's columns unqualified, which inside this subquery would
// mean tickets.id: the outer column is therefore named in full.
const openTicketCount = sql<number>`(select count(*)::int from ${tickets} where ${tickets.customerId} = "customers"."id" and ${tickets.status} in ${OPEN_STATUSES})`;

export async function selectCustomers(
  tx: Tx,
  filter: { q?: string; province?: string; after?: { name: string; id: string }; limit: number; onlyId?: string },
) {
  const conditions: (SQL | undefined)[] = [];
  if (filter.q) conditions.push(or(ilike(customers.name, `%${escapeLike(filter.q)}%`), ilike(customers.city, `%${escapeLike(filter.q)}%`)));
  if (filter.province) conditions.push(eq(customers.province, filter.province));
  if (filter.onlyId) conditions.push(eq(customers.id, filter.onlyId));
  if (filter.after) {
    conditions.push(
      or(gt(customers.name, filter.after.name), and(eq(customers.name, filter.after.name), gt(customers.id, filter.after.id))),
    );
  }
  return tx
    .select({
      id: customers.id,
      name: customers.name,
      kind: customers.kind,
      province: customers.province,
      city: customers.city,
      grade: customers.grade,
      address: customers.address,
      distanceClass: customers.distanceClass,
      responsibleEngineerId: customers.responsibleEngineerId,
      createdAt: customers.createdAt,
      openTicketCount,
    })
    .from(customers)
    .where(and(...conditions))
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(filter.limit);
}

export async function insertContact(tx: Tx, customerId: string, input: ContactInput, at: Date) {
  if (input.isPrimary) await tx.update(contacts).set({ isPrimary: false }).where(eq(contacts.customerId, customerId));
  const [row] = await tx
    .insert(contacts)
    .values({ ...input, customerId, createdAt: at })
    .returning();
  return row;
}

export async function selectContacts(tx: Tx, customerIds: string[]) {
  if (customerIds.length === 0) return [];
  return tx
    .select()
    .from(contacts)
    .where(inArray(contacts.customerId, customerIds))
    .orderBy(sql`${contacts.isPrimary} desc`, asc(contacts.name));
}

export async function findContact(tx: Tx, id: string) {
  const [row] = await tx.select().from(contacts).where(eq(contacts.id, id));
  return row;
}
