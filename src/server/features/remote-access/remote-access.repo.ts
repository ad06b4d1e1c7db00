import { and, asc, eq, isNotNull, lte, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';
import { remoteAccessGrants, remoteAccessSessions, ticketEvents, tickets, users, workOrderEngineers, workOrders } from '../../db/schema.ts';

export type GrantRow = typeof remoteAccessGrants.$inferSelect;

export async function findTicketOf(tx: Tx, ticketId: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select({ id: tickets.id, customerId: tickets.customerId, assigneeId: tickets.assigneeId, status: tickets.status })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/**
 * The engineers assigned to a request: those who may read its remote-access secrets. The request's
 * assignee and the engineers on its open work orders (not cancelled, not yet signed off).
 */
export async function assignedEngineerIds(tx: Tx, ticket: { id: string; assigneeId: string | null }): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: workOrderEngineers.userId })
    .from(workOrderEngineers)
    .innerJoin(workOrders, eq(workOrders.id, workOrderEngineers.workOrderId))
    .where(and(eq(workOrders.ticketId, ticket.id), sql`${workOrders.status} not in ('cancelled', 'signed_off')`));
  return [...new Set([...(ticket.assigneeId ? [ticket.assigneeId] : []), ...rows.map((r) => r.userId)])];
}

export async function insertGrant(tx: Tx, values: typeof remoteAccessGrants.$inferInsert) {
  const [row] = await tx.insert(remoteAccessGrants).values(values).returning();
  return row;
}

const grantedBy = alias(users, 'granted_by');
const recordedBy = alias(users, 'recorded_by');

function selectGrantViews(tx: Tx) {
  return tx
    .select({ grant: remoteAccessGrants, grantedByUserName: grantedBy.name, recordedByName: recordedBy.name })
    .from(remoteAccessGrants)
    .leftJoin(grantedBy, eq(grantedBy.id, remoteAccessGrants.grantedById))
    .leftJoin(recordedBy, eq(recordedBy.id, remoteAccessGrants.recordedById));
}
export type GrantView = Awaited<ReturnType<ReturnType<typeof selectGrantViews>['where']>>[number];

export async function selectGrants(tx: Tx, ticketId: string) {
  return selectGrantViews(tx).where(eq(remoteAccessGrants.ticketId, ticketId)).orderBy(asc(remoteAccessGrants.createdAt));
}

export async function findGrantView(tx: Tx, id: string) {
  const [row] = await selectGrantViews(tx).where(eq(remoteAccessGrants.id, id));
  return row;
}

export async function lockGrant(tx: Tx, id: string) {
  const [row] = await tx.select().from(remoteAccessGrants).where(eq(remoteAccessGrants.id, id)).for('update');
  return row;
}

export async function updateGrant(tx: Tx, id: string, values: Partial<typeof remoteAccessGrants.$inferInsert>) {
  const [row] = await tx.update(remoteAccessGrants).set(values).where(eq(remoteAccessGrants.id, id)).returning();
  return row;
}

/** Grants whose secret is still stored though the window has ended or the grant was revoked. */
export async function lockSecretsToErase(tx: Tx, now: Date, limit: number) {
  return tx
    .select({ id: remoteAccessGrants.id, ticketId: remoteAccessGrants.ticketId })
    .from(remoteAccessGrants)
    .where(
      and(
        isNotNull(remoteAccessGrants.secretCiphertext),
        or(lte(remoteAccessGrants.validUntil, now), isNotNull(remoteAccessGrants.revokedAt)),
      ),
    )
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Stored secrets sealed under a key other than the current one (a rotation in progress). */
export async function lockSecretsUnderOtherKeys(tx: Tx, currentKeyId: string, limit: number) {
  return tx
    .select()
    .from(remoteAccessGrants)
    .where(and(isNotNull(remoteAccessGrants.secretCiphertext), ne(remoteAccessGrants.secretKeyId, currentKeyId)))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function countGrantsOfTicket(tx: Tx, ticketId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(remoteAccessGrants)
    .where(eq(remoteAccessGrants.ticketId, ticketId));
  return row?.n ?? 0;
}

/** The customer's active portal users: who is reminded to change the password. */
export async function selectPortalUserIds(tx: Tx, customerId: string) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.customerId, customerId), eq(users.role, 'customer'), eq(users.isActive, true)));
  return rows.map((r) => r.id);
}

export async function insertTicketEvent(tx: Tx, values: typeof ticketEvents.$inferInsert) {
  await tx.insert(ticketEvents).values(values);
}

export async function insertSession(tx: Tx, values: typeof remoteAccessSessions.$inferInsert) {
  const [row] = await tx.insert(remoteAccessSessions).values(values).returning();
  return row;
}

export async function selectSessions(tx: Tx, grantId: string) {
  return tx
    .select({ session: remoteAccessSessions, engineerName: users.name })
    .from(remoteAccessSessions)
    .innerJoin(users, eq(users.id, remoteAccessSessions.engineerId))
    .where(eq(remoteAccessSessions.grantId, grantId))
    .orderBy(asc(remoteAccessSessions.startedAt));
}
