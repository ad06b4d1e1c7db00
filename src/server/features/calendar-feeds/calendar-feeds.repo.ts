import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { calendarFeeds, customers, tickets, users, workOrderEngineers, workOrders } from '../../db/schema.ts';

export async function findLiveFeedOfUser(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
  return row;
}

/** Revokes the user's live feed (if any); returns its id. */
export async function revokeLiveFeed(tx: Tx, userId: string, at: Date) {
  const [row] = await tx
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return row?.id ?? null;
}

export async function insertFeed(tx: Tx, values: { userId: string; tokenHash: string; createdAt: Date }) {
  const [row] = await tx.insert(calendarFeeds).values(values).returning({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt });
  return row;
}

/** The live feed with this token hash and its active owner. */
export async function findFeedOwner(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({ userId: users.id, name: users.name, locale: users.locale })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt), eq(users.isActive, true)));
  return row;
}

/** The engineer's orders planned since `since` (cancelled ones too: calendars then drop them). */
export async function selectEngineerOrders(tx: Tx, userId: string, since: Date) {
  const rows = await tx
    .select({
      id: workOrders.id,
      number: workOrders.number,
      type: workOrders.type,
      status: workOrders.status,
      plannedAt: workOrders.plannedAt,
      checkOutAt: workOrders.checkOutAt,
      address: workOrders.address,
      contactName: workOrders.contactName,
      contactPhone: workOrders.contactPhone,
      version: workOrders.version,
      updatedAt: workOrders.updatedAt,
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
      customerName: customers.name,
      engineerNames: sql<string>`(select string_agg(u.name, '、' order by u.name) from ${workOrderEngineers} e join ${users} u on u.id = e.user_id where e.work_order_id = ${workOrders.id})`,
    })
    .from(workOrders)
    .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .where(
      and(
        sql`exists (select 1 from ${workOrderEngineers} where ${workOrderEngineers.workOrderId} = ${workOrders.id} and ${workOrderEngineers.userId} = ${userId})`,
        gte(workOrders.plannedAt, since),
      ),
    )
    .orderBy(asc(workOrders.plannedAt))
    .limit(1000);
  return rows;
}
