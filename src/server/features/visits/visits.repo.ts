import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { customerDocuments, quotes, tickets, users, visits } from '../../db/schema.ts';

export async function insertVisit(tx: Tx, values: typeof visits.$inferInsert) {
  const [row] = await tx.insert(visits).values(values).returning();
  return row;
}
export async function selectVisits(tx: Tx, customerId: string) {
  return tx.select().from(visits).where(eq(visits.customerId, customerId)).orderBy(desc(visits.visitDate), desc(visits.createdAt));
}
export async function findVisitByQuote(tx: Tx, quoteId: string) {
  const [row] = await tx.select({ id: visits.id }).from(visits).where(eq(visits.quoteId, quoteId));
  return row;
}
export async function selectStaff(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select({ id: users.id, role: users.role, isActive: users.isActive }).from(users).where(inArray(users.id, ids));
}
export async function findTicketOf(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: tickets.id, customerId: tickets.customerId, number: tickets.number })
    .from(tickets)
    .where(eq(tickets.id, id));
  return row;
}

export async function insertQuote(tx: Tx, values: typeof quotes.$inferInsert) {
  const [row] = await tx.insert(quotes).values(values).returning();
  return row;
}
export async function findQuote(tx: Tx, id: string, forUpdate = false) {
  const q = tx.select().from(quotes).where(eq(quotes.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}
export async function selectQuotes(tx: Tx, customerId: string) {
  return tx.select().from(quotes).where(eq(quotes.customerId, customerId)).orderBy(desc(quotes.createdAt));
}
export async function updateQuoteRow(tx: Tx, id: string, values: Partial<typeof quotes.$inferInsert>) {
  const [row] = await tx.update(quotes).set(values).where(eq(quotes.id, id)).returning();
  return row;
}
export async function findDocumentOf(tx: Tx, id: string, customerId: string) {
  const [row] = await tx
    .select()
    .from(customerDocuments)
    .where(and(eq(customerDocuments.id, id), eq(customerDocuments.customerId, customerId)));
  return row;
}
