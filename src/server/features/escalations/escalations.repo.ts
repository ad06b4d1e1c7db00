import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';
import { defectReports, escalationRoster, rmaRecords, ticketEscalations, ticketEvents, tickets, users } from '../../db/schema.ts';

export async function findTicketOf(tx: Tx, ticketId: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select({
      id: tickets.id,
      customerId: tickets.customerId,
      assigneeId: tickets.assigneeId,
      status: tickets.status,
      module: tickets.module,
    })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function setTicketAssignee(tx: Tx, ticketId: string, assigneeId: string, at: Date) {
  await tx
    .update(tickets)
    .set({ assigneeId, updatedAt: at, version: sql`${tickets.version} + 1` })
    .where(eq(tickets.id, ticketId));
}

export async function insertTicketEvent(tx: Tx, values: typeof ticketEvents.$inferInsert) {
  await tx.insert(ticketEvents).values(values);
}

export async function findActiveStaffUser(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, team: users.team })
    .from(users)
    .where(and(eq(users.id, id), eq(users.isActive, true), sql`${users.role} <> 'customer'`));
  return row;
}

// ---------- roster ----------
export async function selectRoster(tx: Tx) {
  return tx
    .select({ entry: escalationRoster, userName: users.name })
    .from(escalationRoster)
    .innerJoin(users, eq(users.id, escalationRoster.userId))
    .where(eq(users.isActive, true))
    .orderBy(asc(escalationRoster.rung), asc(escalationRoster.createdAt));
}

export async function insertRosterEntry(tx: Tx, values: typeof escalationRoster.$inferInsert) {
  const [row] = await tx.insert(escalationRoster).values(values).onConflictDoNothing().returning();
  return row;
}

export async function deleteRosterEntry(tx: Tx, id: string) {
  const [row] = await tx.delete(escalationRoster).where(eq(escalationRoster.id, id)).returning();
  return row;
}

// ---------- escalations ----------
const assignee = alias(users, 'assignee');
const creator = alias(users, 'creator');
const reproRecorder = alias(users, 'repro_recorder');

function selectEscalationViews(tx: Tx) {
  return tx
    .select({
      escalation: ticketEscalations,
      assigneeName: assignee.name,
      creatorName: creator.name,
      reproRecorderName: reproRecorder.name,
    })
    .from(ticketEscalations)
    .leftJoin(assignee, eq(assignee.id, ticketEscalations.assigneeId))
    .leftJoin(creator, eq(creator.id, ticketEscalations.createdById))
    .leftJoin(reproRecorder, eq(reproRecorder.id, ticketEscalations.reproRecordedById));
}
export type EscalationView = Awaited<ReturnType<ReturnType<typeof selectEscalationViews>['where']>>[number];

export async function selectEscalations(tx: Tx, ticketId: string) {
  return selectEscalationViews(tx).where(eq(ticketEscalations.ticketId, ticketId)).orderBy(asc(ticketEscalations.createdAt));
}

export async function findEscalationView(tx: Tx, id: string) {
  const [row] = await selectEscalationViews(tx).where(eq(ticketEscalations.id, id));
  return row;
}

export async function lockEscalation(tx: Tx, id: string) {
  const [row] = await tx.select().from(ticketEscalations).where(eq(ticketEscalations.id, id)).for('update');
  return row;
}

export async function insertEscalation(tx: Tx, values: typeof ticketEscalations.$inferInsert) {
  const [row] = await tx.insert(ticketEscalations).values(values).returning();
  return row;
}

export async function updateEscalation(tx: Tx, id: string, values: Partial<typeof ticketEscalations.$inferInsert>) {
  const [row] = await tx.update(ticketEscalations).set(values).where(eq(ticketEscalations.id, id)).returning();
  return row;
}

// ---------- defect reports ----------
export async function insertDefectReport(tx: Tx, values: typeof defectReports.$inferInsert) {
  const [row] = await tx.insert(defectReports).values(values).returning();
  return row;
}

export async function selectDefectReports(tx: Tx, ticketId: string) {
  return tx
    .select({ report: defectReports, creatorName: users.name })
    .from(defectReports)
    .innerJoin(users, eq(users.id, defectReports.createdById))
    .where(eq(defectReports.ticketId, ticketId))
    .orderBy(asc(defectReports.createdAt));
}

// ---------- RMA ----------
export async function insertRma(tx: Tx, values: typeof rmaRecords.$inferInsert) {
  const [row] = await tx.insert(rmaRecords).values(values).returning();
  return row;
}

export async function lockRma(tx: Tx, id: string) {
  const [row] = await tx.select().from(rmaRecords).where(eq(rmaRecords.id, id)).for('update');
  return row;
}

export async function updateRma(tx: Tx, id: string, values: Partial<typeof rmaRecords.$inferInsert>) {
  const [row] = await tx.update(rmaRecords).set(values).where(eq(rmaRecords.id, id)).returning();
  return row;
}

export async function selectRmas(tx: Tx, ticketId: string) {
  return tx.select().from(rmaRecords).where(eq(rmaRecords.ticketId, ticketId)).orderBy(asc(rmaRecords.createdAt));
}
