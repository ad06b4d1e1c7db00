import { and, eq, ilike, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { escapeLike } from '../../lib/like.ts';

export async function insertUser(tx: Tx, values: typeof users.$inferInsert) {
  const [row] = await tx.insert(users).values(values).onConflictDoNothing().returning();
  return row;
}

export async function countUsers(tx: Tx) {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
  return row.n;
}

export async function findUser(tx: Tx, id: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row;
}

export async function updateUser(tx: Tx, id: string, values: Partial<typeof users.$inferInsert>) {
  const [row] = await tx.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

export async function selectUsers(tx: Tx, filter: { role?: string; customerId?: string; q?: string; isStaff?: boolean }) {
  const conditions: (SQL | undefined)[] = [];
  if (filter.role) conditions.push(eq(users.role, filter.role as typeof users.$inferSelect.role));
  if (filter.customerId) conditions.push(eq(users.customerId, filter.customerId));
  if (filter.isStaff === true) conditions.push(ne(users.role, 'customer'));
  if (filter.isStaff === false) conditions.push(eq(users.role, 'customer'));
  if (filter.q) conditions.push(or(ilike(users.name, `%${escapeLike(filter.q)}%`), ilike(users.email, `%${escapeLike(filter.q)}%`)));
  return tx
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(users.name)
    .limit(500);
}
