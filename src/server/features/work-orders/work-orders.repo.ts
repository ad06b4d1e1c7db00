import { and, asc, eq, getTableColumns, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { SignatureKind } from '../../../domain/field/work-orders.ts';
import type { Tx } from '../../db/client.ts';
import {
  contacts,
  customers,
  fieldSettings,
  quotes,
  ticketEvents,
  tickets,
  users,
  workOrderActions,
  workOrderEngineers,
  workOrders,
} from '../../db/schema.ts';

// Everything but the signature image (read only for the report).
const { signaturePng, ...orderColumns } = getTableColumns(workOrders);
const { searchVector, ...ticketColumns } = getTableColumns(tickets);
export type WorkOrderRow = Omit<typeof workOrders.$inferSelect, 'signaturePng'> & { hasSignature: boolean };

const selectOrders = (tx: Tx) =>
  tx
    .select({
      ...orderColumns,
      hasSignature: sql<boolean>`${workOrders.signaturePng} is not null`,
      signatureKind: sql<SignatureKind | null>`case when ${workOrders.signaturePng} is not null then 'drawn' when ${workOrders.signedFormId} is not null then 'scanned_form' end`,
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
      customerName: customers.name,
    })
    .from(workOrders)
    .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId));

async function withEngineers<T extends { id: string }>(tx: Tx, rows: T[]) {
  if (rows.length === 0) return [];
  const links = await tx
    .select({ workOrderId: workOrderEngineers.workOrderId, id: users.id, name: users.name })
    .from(workOrderEngineers)
    .innerJoin(users, eq(users.id, workOrderEngineers.userId))
    .where(
      inArray(
        workOrderEngineers.workOrderId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(users.name));
  return rows.map((r) => ({
    ...r,
    engineers: links.filter((l) => l.workOrderId === r.id).map(({ id, name }) => ({ id, name })),
  }));
}

export async function findWorkOrder(tx: Tx, id: string) {
  const [row] = await withEngineers(tx, await selectOrders(tx).where(eq(workOrders.id, id)));
  return row;
}

/** The order's row, locked: the one lock order is request, then order (check-in meets the request's clock). */
export async function lockWorkOrder(tx: Tx, id: string) {
  const [row] = await tx
    .select({ ...orderColumns })
    .from(workOrders)
    .where(eq(workOrders.id, id))
    .for('update');
  return row;
}

export async function listWorkOrders(
  tx: Tx,
  filter: { ticketId?: string; engineerId?: string; customerId?: string | null; from?: Date; to?: Date; status?: string },
) {
  const conditions: SQL[] = [];
  if (filter.ticketId) conditions.push(eq(workOrders.ticketId, filter.ticketId));
  if (filter.customerId) conditions.push(eq(workOrders.customerId, filter.customerId));
  if (filter.from) conditions.push(gte(workOrders.plannedAt, filter.from));
  if (filter.to) conditions.push(lte(workOrders.plannedAt, filter.to));
  if (filter.status) conditions.push(sql`${workOrders.status} = ${filter.status}`);
  if (filter.engineerId) {
    conditions.push(
      sql`exists (select 1 from ${workOrderEngineers} where ${workOrderEngineers.workOrderId} = ${workOrders.id} and ${workOrderEngineers.userId} = ${filter.engineerId})`,
    );
  }
  const rows = await selectOrders(tx)
    .where(and(...conditions))
    .orderBy(asc(workOrders.plannedAt), asc(workOrders.number))
    .limit(500);
  return withEngineers(tx, rows);
}

export async function insertWorkOrder(tx: Tx, values: typeof workOrders.$inferInsert, engineerIds: string[]) {
  const [row] = await tx.insert(workOrders).values(values).returning({ id: workOrders.id });
  if (engineerIds.length > 0) await tx.insert(workOrderEngineers).values(engineerIds.map((userId) => ({ workOrderId: row.id, userId })));
  return row;
}

/** Every change bumps the order's version (the dispatch board's optimistic check). */
export async function updateWorkOrderRow(tx: Tx, id: string, values: Partial<typeof workOrders.$inferInsert>) {
  await tx
    .update(workOrders)
    .set({ ...values, version: sql`${workOrders.version} + 1` })
    .where(eq(workOrders.id, id));
}

export async function replaceEngineers(tx: Tx, workOrderId: string, engineerIds: string[]) {
  await tx.delete(workOrderEngineers).where(eq(workOrderEngineers.workOrderId, workOrderId));
  if (engineerIds.length > 0) await tx.insert(workOrderEngineers).values(engineerIds.map((userId) => ({ workOrderId, userId })));
}

/** The admin-edited default on-site checklist, or undefined when none was saved (the built-in one applies). */
export async function findChecklistTemplate(tx: Tx) {
  const [row] = await tx.select().from(fieldSettings).limit(1);
  return row;
}

export async function saveChecklistTemplate(
  tx: Tx,
  values: { defaultChecklist: { key: string; label: string }[]; updatedById: string; updatedAt: Date },
) {
  await tx
    .insert(fieldSettings)
    .values({ id: true, ...values })
    .onConflictDoUpdate({ target: fieldSettings.id, set: values });
}

export async function selectEngineerIds(tx: Tx, workOrderId: string) {
  const rows = await tx
    .select({ userId: workOrderEngineers.userId })
    .from(workOrderEngineers)
    .where(eq(workOrderEngineers.workOrderId, workOrderId));
  return rows.map((r) => r.userId);
}

export async function selectSignature(tx: Tx, id: string) {
  const [row] = await tx.select({ signaturePng }).from(workOrders).where(eq(workOrders.id, id));
  return row?.signaturePng ?? null;
}

export async function findAppliedAction(tx: Tx, clientActionId: string) {
  const [row] = await tx.select().from(workOrderActions).where(eq(workOrderActions.clientActionId, clientActionId));
  return row;
}

export async function insertAppliedAction(tx: Tx, values: typeof workOrderActions.$inferInsert) {
  await tx.insert(workOrderActions).values(values);
}

export async function selectUsers(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: users.id, role: users.role, isActive: users.isActive, name: users.name })
    .from(users)
    .where(inArray(users.id, ids));
}

/** The request row, locked (first in the one lock order), with what the SLA clocks need. */
export async function lockTicketRow(tx: Tx, id: string) {
  const [row] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, id)).for('update');
  return row;
}

/** The request's customer and what the transport suggestion needs (no lock: for reading). */
export async function findTicketBasics(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: tickets.id, customerId: tickets.customerId, severity: tickets.severity })
    .from(tickets)
    .where(eq(tickets.id, id));
  return row;
}

export async function findCustomerForOrder(tx: Tx, id: string) {
  const [customer] = await tx.select().from(customers).where(eq(customers.id, id));
  if (!customer) return undefined;
  const [contact] = await tx
    .select({ name: contacts.name, phone: contacts.phone })
    .from(contacts)
    .where(eq(contacts.customerId, id))
    .orderBy(sql`${contacts.isPrimary} desc`, asc(contacts.createdAt))
    .limit(1);
  return { ...customer, contact: contact ?? null };
}

/** A signed quote on the request that no visit or other live work order uses yet. */
export async function findSignedQuoteOfTicket(tx: Tx, ticketId: string) {
  const [row] = await tx
    .select({ id: quotes.id })
    .from(quotes)
    .where(
      and(
        eq(quotes.ticketId, ticketId),
        eq(quotes.state, 'signed'),
        sql`not exists (select 1 from visits v where v.quote_id = ${quotes.id})`,
        sql`not exists (select 1 from ${workOrders} w where w.quote_id = ${quotes.id} and w.status <> 'cancelled')`,
      ),
    )
    .orderBy(asc(quotes.createdAt))
    .limit(1);
  return row;
}

export async function isQuoteOnLiveOrder(tx: Tx, quoteId: string) {
  const [row] = await tx
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.quoteId, quoteId), sql`${workOrders.status} <> 'cancelled'`))
    .limit(1);
  return row !== undefined;
}

/** A timeline event on the request (the ticket_events table, written in the caller's transaction). */
export async function insertTicketEvent(tx: Tx, values: typeof ticketEvents.$inferInsert) {
  await tx.insert(ticketEvents).values(values);
}

export async function touchTicket(tx: Tx, id: string, at: Date) {
  await tx.update(tickets).set({ updatedAt: at }).where(eq(tickets.id, id));
}
