import { and, asc, eq, sql } from 'drizzle-orm';
import type { WorkOrderFileKind } from '../../../domain/field/work-orders.ts';
import type { Tx } from '../../db/client.ts';
import { tickets, workOrderEngineers, workOrderPhotos, workOrders } from '../../db/schema.ts';

/** Inserts the row unless its client id is already there (a replay racing the first): then undefined. */
export async function insertPhoto(tx: Tx, values: typeof workOrderPhotos.$inferInsert) {
  const [row] = await tx.insert(workOrderPhotos).values(values).onConflictDoNothing({ target: workOrderPhotos.clientId }).returning();
  return row;
}

export async function findPhotoByClientId(tx: Tx, clientId: string) {
  const [row] = await tx.select().from(workOrderPhotos).where(eq(workOrderPhotos.clientId, clientId));
  return row;
}

export async function findPhoto(tx: Tx, workOrderId: string, id: string) {
  const [row] = await tx
    .select()
    .from(workOrderPhotos)
    .where(and(eq(workOrderPhotos.id, id), eq(workOrderPhotos.workOrderId, workOrderId)));
  return row;
}

export async function listPhotos(tx: Tx, workOrderId: string) {
  return tx
    .select()
    .from(workOrderPhotos)
    .where(eq(workOrderPhotos.workOrderId, workOrderId))
    .orderBy(asc(workOrderPhotos.createdAt), asc(workOrderPhotos.id));
}

export async function countPhotos(tx: Tx, workOrderId: string, kind: WorkOrderFileKind) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(workOrderPhotos)
    .where(and(eq(workOrderPhotos.workOrderId, workOrderId), eq(workOrderPhotos.kind, kind)));
  return row?.n ?? 0;
}

export async function deletePhotoRow(tx: Tx, id: string) {
  await tx.delete(workOrderPhotos).where(eq(workOrderPhotos.id, id));
}

/** What the photo rules need of the order: who it belongs to, its status, the engineers on it. */
export async function findOrderForFiles(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: workOrders.id,
      status: workOrders.status,
      customerId: workOrders.customerId,
      ticketId: workOrders.ticketId,
      ticketNumber: tickets.number,
    })
    .from(workOrders)
    .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
    .where(eq(workOrders.id, id));
  return row;
}

/** The order's status, its row locked (a sign-off waits for an upload in flight, and the other way round). */
export async function lockOrderStatus(tx: Tx, id: string) {
  const [row] = await tx.select({ status: workOrders.status }).from(workOrders).where(eq(workOrders.id, id)).for('update');
  return row?.status;
}

export async function selectOrderEngineerIds(tx: Tx, workOrderId: string) {
  const rows = await tx
    .select({ userId: workOrderEngineers.userId })
    .from(workOrderEngineers)
    .where(eq(workOrderEngineers.workOrderId, workOrderId));
  return rows.map((r) => r.userId);
}
