import { and, eq, gte, isNotNull, lt } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { customers, satisfactionSurveys, tickets, users } from '../../db/schema.ts';

export async function findTicketForSurvey(tx: Tx, ticketId: string) {
  const [row] = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      customerId: tickets.customerId,
      status: tickets.status,
      assigneeId: tickets.assigneeId,
    })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  return row;
}

export async function findSurveyOfTicket(tx: Tx, ticketId: string, forUpdate = false) {
  const q = tx.select().from(satisfactionSurveys).where(eq(satisfactionSurveys.ticketId, ticketId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findSurvey(tx: Tx, id: string, forUpdate = false) {
  const q = tx.select().from(satisfactionSurveys).where(eq(satisfactionSurveys.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** A pending survey for the request, or the one it already has (unique per request). */
export async function ensureSurvey(tx: Tx, values: typeof satisfactionSurveys.$inferInsert) {
  await tx.insert(satisfactionSurveys).values(values).onConflictDoNothing({ target: satisfactionSurveys.ticketId });
  return findSurveyOfTicket(tx, values.ticketId, true);
}

export async function updateSurvey(tx: Tx, id: string, values: Partial<typeof satisfactionSurveys.$inferInsert>) {
  const [row] = await tx.update(satisfactionSurveys).set(values).where(eq(satisfactionSurveys.id, id)).returning();
  return row;
}

export async function findCustomerName(tx: Tx, id: string) {
  const [row] = await tx.select({ name: customers.name }).from(customers).where(eq(customers.id, id));
  return row?.name;
}

/** Answered surveys in [from, to) with the names their results are grouped by. */
export async function selectAnswered(tx: Tx, from: Date, to: Date) {
  return tx
    .select({
      score: satisfactionSurveys.score,
      answeredAt: satisfactionSurveys.answeredAt,
      customerId: satisfactionSurveys.customerId,
      customerName: customers.name,
      engineerId: satisfactionSurveys.engineerId,
      engineerName: users.name,
    })
    .from(satisfactionSurveys)
    .innerJoin(customers, eq(customers.id, satisfactionSurveys.customerId))
    .leftJoin(users, eq(users.id, satisfactionSurveys.engineerId))
    .where(
      and(isNotNull(satisfactionSurveys.answeredAt), gte(satisfactionSurveys.answeredAt, from), lt(satisfactionSurveys.answeredAt, to)),
    );
}
