import { and, asc, eq, gte, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { customers, ticketSlaTargets, tickets, users, workOrderEngineers, workOrders } from '../../db/schema.ts';

const noEngineer = sql`not exists (select 1 from ${workOrderEngineers} where ${workOrderEngineers.workOrderId} = ${workOrders.id})`;

async function selectOrders(tx: Tx, where: SQL | undefined) {
  const rows = await tx
    .select({
      id: workOrders.id,
      number: workOrders.number,
      ticketId: workOrders.ticketId,
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
      customerName: customers.name,
      type: workOrders.type,
      status: workOrders.status,
      plannedAt: workOrders.plannedAt,
      address: workOrders.address,
      version: workOrders.version,
      onSiteDueAt: ticketSlaTargets.dueAt,
      onSiteState: ticketSlaTargets.state,
    })
    .from(workOrders)
    .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .leftJoin(ticketSlaTargets, and(eq(ticketSlaTargets.ticketId, workOrders.ticketId), eq(ticketSlaTargets.metric, 'on_site')))
    .where(where)
    .orderBy(asc(workOrders.plannedAt), asc(workOrders.number))
    .limit(1000);
  if (rows.length === 0) return [];
  const links = await tx
    .select({ workOrderId: workOrderEngineers.workOrderId, userId: workOrderEngineers.userId })
    .from(workOrderEngineers)
    .where(
      inArray(
        workOrderEngineers.workOrderId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({ ...r, engineerIds: links.filter((l) => l.workOrderId === r.id).map((l) => l.userId) }));
}

/** Orders planned in `[start, end)`, cancelled ones left out. */
export function selectOrdersPlannedIn(tx: Tx, range: { start: Date; end: Date }) {
  return selectOrders(
    tx,
    and(gte(workOrders.plannedAt, range.start), lt(workOrders.plannedAt, range.end), ne(workOrders.status, 'cancelled')),
  );
}

/** Planned orders nobody goes on yet, whatever their day. */
export function selectUnassignedOrders(tx: Tx) {
  return selectOrders(tx, and(eq(workOrders.status, 'planned'), noEngineer));
}

/** The board's rows: active engineers, and any other staff already on a shown order (R&D may go along). */
export async function selectBoardEngineers(tx: Tx, alsoIds: string[]) {
  const condition =
    alsoIds.length > 0
      ? sql`(${users.role} = 'engineer' and ${users.isActive}) or ${inArray(users.id, alsoIds)}`
      : sql`${users.role} = 'engineer' and ${users.isActive}`;
  return tx.select({ id: users.id, name: users.name, role: users.role }).from(users).where(condition).orderBy(asc(users.name));
}
