import { and, asc, desc, eq, gte, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import {
  contacts,
  customers,
  satisfactionSurveys,
  serviceContracts,
  serviceTiers,
  surveySchedules,
  tickets,
  users,
} from '../../db/schema.ts';

export async function findTicketForSurvey(tx: Tx, ticketId: string) {
  const [row] = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      customerId: tickets.customerId,
      status: tickets.status,
      assigneeId: tickets.assigneeId,
      contactId: tickets.contactId,
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
export async function ensureSurvey(tx: Tx, values: typeof satisfactionSurveys.$inferInsert & { ticketId: string }) {
  await tx.insert(satisfactionSurveys).values(values).onConflictDoNothing({ target: satisfactionSurveys.ticketId });
  return findSurveyOfTicket(tx, values.ticketId, true);
}

/** A customer's periodic survey for one period; null when that period already has one. */
export async function insertPeriodicSurvey(tx: Tx, values: { customerId: string; period: string; createdAt: Date }) {
  const [row] = await tx
    .insert(satisfactionSurveys)
    .values(values)
    .onConflictDoNothing({ target: [satisfactionSurveys.customerId, satisfactionSurveys.period] })
    .returning();
  return row ?? null;
}

export async function selectPeriodicSurveys(tx: Tx, customerId: string) {
  return tx
    .select()
    .from(satisfactionSurveys)
    .where(and(eq(satisfactionSurveys.customerId, customerId), isNotNull(satisfactionSurveys.period)))
    .orderBy(desc(satisfactionSurveys.period));
}

export async function findContact(tx: Tx, id: string) {
  const [row] = await tx.select({ name: contacts.name, email: contacts.email }).from(contacts).where(eq(contacts.id, id));
  return row;
}

/** Where a periodic survey goes: the primary contact with an email, else the first contact with one. */
export async function findSurveyContact(tx: Tx, customerId: string) {
  const [row] = await tx
    .select({ name: contacts.name, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId), isNotNull(contacts.email), sql`${contacts.email} <> ''`))
    .orderBy(desc(contacts.isPrimary), asc(contacts.createdAt))
    .limit(1);
  return row?.email ? { name: row.name, email: row.email } : null;
}

export async function findSurveySchedule(tx: Tx, customerId: string) {
  const [row] = await tx.select().from(surveySchedules).where(eq(surveySchedules.customerId, customerId));
  return row;
}

export async function upsertSurveySchedule(tx: Tx, values: typeof surveySchedules.$inferInsert) {
  const [row] = await tx
    .insert(surveySchedules)
    .values(values)
    .onConflictDoUpdate({
      target: surveySchedules.customerId,
      set: {
        everyMonths: values.everyMonths,
        nextDueDate: values.nextDueDate,
        updatedById: values.updatedById,
        updatedAt: values.updatedAt,
      },
    })
    .returning();
  return row;
}

/** Schedules due on or before `on`, each locked and skipped by another process working the same job. */
export async function selectDueSurveySchedules(tx: Tx, on: string) {
  return tx
    .select()
    .from(surveySchedules)
    .where(lte(surveySchedules.nextDueDate, on))
    .orderBy(asc(surveySchedules.nextDueDate))
    .for('update', { skipLocked: true });
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

/** The contract in force on a date with its tier's routine frequency (the survey schedule's default). */
export async function findContractOn(tx: Tx, customerId: string, date: string) {
  const [row] = await tx
    .select({ startDate: serviceContracts.startDate, routine: serviceTiers.routineMaintenance })
    .from(serviceContracts)
    .innerJoin(serviceTiers, eq(serviceTiers.id, serviceContracts.tierId))
    .where(and(eq(serviceContracts.customerId, customerId), lte(serviceContracts.startDate, date), gte(serviceContracts.endDate, date)))
    .orderBy(desc(serviceContracts.startDate))
    .limit(1);
  return row;
}

/** Customers under a contract on a date that have no survey schedule of their own (the tier's default applies). */
export async function selectUnscheduledSurveyCustomers(tx: Tx, date: string) {
  return tx
    .selectDistinctOn([serviceContracts.customerId], {
      customerId: serviceContracts.customerId,
      startDate: serviceContracts.startDate,
      routine: serviceTiers.routineMaintenance,
    })
    .from(serviceContracts)
    .innerJoin(serviceTiers, eq(serviceTiers.id, serviceContracts.tierId))
    .leftJoin(surveySchedules, eq(surveySchedules.customerId, serviceContracts.customerId))
    .where(and(lte(serviceContracts.startDate, date), gte(serviceContracts.endDate, date), isNull(surveySchedules.customerId)))
    .orderBy(serviceContracts.customerId, desc(serviceContracts.startDate));
}

/** A customer's periodic surveys not answered yet (the portal's list). */
export async function selectPendingPeriodicSurveys(tx: Tx, customerId: string) {
  return tx
    .select()
    .from(satisfactionSurveys)
    .where(
      and(eq(satisfactionSurveys.customerId, customerId), isNotNull(satisfactionSurveys.period), isNull(satisfactionSurveys.answeredAt)),
    )
    .orderBy(desc(satisfactionSurveys.period));
}
