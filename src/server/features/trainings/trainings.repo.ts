import { and, asc, count, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import {
  adminCertifications,
  contacts,
  customers,
  quotes,
  serviceContracts,
  serviceTiers,
  trainingAttendees,
  trainingSessions,
  users,
} from '../../db/schema.ts';

export async function findStaffUser(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, role: users.role, isActive: users.isActive })
    .from(users)
    .where(eq(users.id, id));
  return row;
}
export async function selectUsersByIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, ids));
}
export async function selectContactsOf(tx: Tx, customerId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId), inArray(contacts.id, ids)));
}
export async function findCustomerRow(tx: Tx, id: string) {
  const [row] = await tx.select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.id, id));
  return row;
}
export async function selectContractsWithTier(tx: Tx, customerId: string) {
  return tx
    .select({
      id: serviceContracts.id,
      startDate: serviceContracts.startDate,
      endDate: serviceContracts.endDate,
      retrainingQuota: serviceTiers.retrainingQuota,
    })
    .from(serviceContracts)
    .innerJoin(serviceTiers, eq(serviceTiers.id, serviceContracts.tierId))
    .where(eq(serviceContracts.customerId, customerId));
}

/** Retraining person-times within the quota counted against a contract between two dates. */
export async function countRetrainingUsed(tx: Tx, contractId: string, from: string, to: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(trainingAttendees)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendees.sessionId))
    .where(
      and(
        eq(trainingSessions.serviceContractId, contractId),
        eq(trainingSessions.kind, 'admin_retraining'),
        eq(trainingAttendees.isOverQuota, false),
        gte(trainingSessions.sessionDate, from),
        lte(trainingSessions.sessionDate, to),
      ),
    );
  return row?.n ?? 0;
}

export async function findQuoteOf(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: quotes.id, customerId: quotes.customerId, state: quotes.state })
    .from(quotes)
    .where(eq(quotes.id, id));
  return row;
}

export async function insertSession(tx: Tx, values: typeof trainingSessions.$inferInsert) {
  const [row] = await tx.insert(trainingSessions).values(values).returning();
  return row;
}
export async function insertAttendees(tx: Tx, values: (typeof trainingAttendees.$inferInsert)[]) {
  return tx.insert(trainingAttendees).values(values).returning();
}
export async function findSession(tx: Tx, id: string, forUpdate = false) {
  const q = tx.select().from(trainingSessions).where(eq(trainingSessions.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}
export async function selectSessions(tx: Tx, customerId: string) {
  return tx
    .select()
    .from(trainingSessions)
    .where(eq(trainingSessions.customerId, customerId))
    .orderBy(desc(trainingSessions.sessionDate), desc(trainingSessions.createdAt));
}
export async function selectAttendees(tx: Tx, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return tx
    .select()
    .from(trainingAttendees)
    .where(inArray(trainingAttendees.sessionId, sessionIds))
    .orderBy(asc(trainingAttendees.position));
}
export async function selectUserNames(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
}
export async function updateSession(tx: Tx, id: string, values: Partial<typeof trainingSessions.$inferInsert>) {
  const [row] = await tx.update(trainingSessions).set(values).where(eq(trainingSessions.id, id)).returning();
  return row;
}
export async function setAttendeeSignature(tx: Tx, id: string, signature: string) {
  await tx.update(trainingAttendees).set({ signature }).where(eq(trainingAttendees.id, id));
}

export async function insertCertification(tx: Tx, values: typeof adminCertifications.$inferInsert) {
  const [row] = await tx.insert(adminCertifications).values(values).returning();
  return row;
}
export async function selectCertifications(tx: Tx, customerId: string) {
  return tx
    .select()
    .from(adminCertifications)
    .where(eq(adminCertifications.customerId, customerId))
    .orderBy(desc(adminCertifications.certifiedOn));
}
