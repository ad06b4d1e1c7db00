import { and, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { ReturnVisitKind } from '../../../domain/service-quality/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import { contacts, customers, returnVisitSchedules, returnVisits, serviceContracts, serviceTiers, userMeetings } from '../../db/schema.ts';

export async function selectSchedules(tx: Tx, customerId: string) {
  return tx.select().from(returnVisitSchedules).where(eq(returnVisitSchedules.customerId, customerId));
}

export async function findSchedule(tx: Tx, customerId: string, kind: ReturnVisitKind) {
  const [row] = await tx
    .select()
    .from(returnVisitSchedules)
    .where(and(eq(returnVisitSchedules.customerId, customerId), eq(returnVisitSchedules.kind, kind)))
    .for('update');
  return row;
}

export async function upsertSchedule(tx: Tx, values: typeof returnVisitSchedules.$inferInsert) {
  const [row] = await tx
    .insert(returnVisitSchedules)
    .values(values)
    .onConflictDoUpdate({
      target: [returnVisitSchedules.customerId, returnVisitSchedules.kind],
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

/** The contract in force on a date and its tier's routine frequency. */
export async function findContractTierOn(tx: Tx, customerId: string, date: string) {
  const [row] = await tx
    .select({ startDate: serviceContracts.startDate, routine: serviceTiers.routineMaintenance })
    .from(serviceContracts)
    .innerJoin(serviceTiers, eq(serviceTiers.id, serviceContracts.tierId))
    .where(and(eq(serviceContracts.customerId, customerId), lte(serviceContracts.startDate, date), gte(serviceContracts.endDate, date)));
  return row;
}

export async function insertReturnVisit(tx: Tx, values: typeof returnVisits.$inferInsert) {
  const [row] = await tx.insert(returnVisits).values(values).returning();
  return row;
}

export async function selectReturnVisits(tx: Tx, customerId: string) {
  return tx
    .select()
    .from(returnVisits)
    .where(eq(returnVisits.customerId, customerId))
    .orderBy(desc(returnVisits.visitedOn), desc(returnVisits.createdAt))
    .limit(200);
}

const primaryContact = {
  contactName: sql<
    string | null
  >`(select ${contacts.name} from ${contacts} where ${contacts.customerId} = ${customers.id} order by ${contacts.isPrimary} desc, ${contacts.createdAt} limit 1)`,
  contactPhone: sql<
    string | null
  >`(select ${contacts.phone} from ${contacts} where ${contacts.customerId} = ${customers.id} order by ${contacts.isPrimary} desc, ${contacts.createdAt} limit 1)`,
};

/** Stored schedules due on or before the date. */
export async function selectDueSchedules(tx: Tx, date: string) {
  return tx
    .select({
      customerId: returnVisitSchedules.customerId,
      customerName: customers.name,
      kind: returnVisitSchedules.kind,
      dueDate: returnVisitSchedules.nextDueDate,
      everyMonths: returnVisitSchedules.everyMonths,
      ...primaryContact,
    })
    .from(returnVisitSchedules)
    .innerJoin(customers, eq(customers.id, returnVisitSchedules.customerId))
    .where(lte(returnVisitSchedules.nextDueDate, date));
}

/** Customers with a contract in force on the date and no phone schedule stored yet: due from the contract's start. */
export async function selectUnscheduledUnderContract(tx: Tx, date: string) {
  return tx
    .select({
      customerId: customers.id,
      customerName: customers.name,
      dueDate: serviceContracts.startDate,
      routine: serviceTiers.routineMaintenance,
      ...primaryContact,
    })
    .from(serviceContracts)
    .innerJoin(customers, eq(customers.id, serviceContracts.customerId))
    .innerJoin(serviceTiers, eq(serviceTiers.id, serviceContracts.tierId))
    .leftJoin(returnVisitSchedules, and(eq(returnVisitSchedules.customerId, customers.id), eq(returnVisitSchedules.kind, 'phone')))
    .where(and(lte(serviceContracts.startDate, date), gte(serviceContracts.endDate, date), isNull(returnVisitSchedules.customerId)));
}

export async function insertMeeting(tx: Tx, values: typeof userMeetings.$inferInsert) {
  const [row] = await tx.insert(userMeetings).values(values).returning();
  return row;
}

export async function selectMeetings(tx: Tx, customerId: string) {
  return tx
    .select()
    .from(userMeetings)
    .where(eq(userMeetings.customerId, customerId))
    .orderBy(desc(userMeetings.meetingDate), desc(userMeetings.createdAt));
}

export async function findCustomer(tx: Tx, id: string) {
  const [row] = await tx.select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.id, id));
  return row;
}
