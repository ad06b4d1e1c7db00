import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { notifications, tickets, users } from '../../db/schema.ts';

export async function insertNotifications(tx: Tx, values: (typeof notifications.$inferInsert)[]) {
  if (values.length === 0) return [];
  return tx.insert(notifications).values(values).returning();
}

export async function selectNotifications(
  tx: Tx,
  userId: string,
  options: { beforeCreatedAt?: Date; limit: number; isUnreadOnly: boolean },
) {
  return tx
    .select({ notification: notifications, ticketNumber: tickets.number, ticketTitle: tickets.title })
    .from(notifications)
    .leftJoin(tickets, eq(tickets.id, notifications.ticketId))
    .where(
      and(
        eq(notifications.userId, userId),
        options.isUnreadOnly ? isNull(notifications.readAt) : undefined,
        options.beforeCreatedAt ? lt(notifications.createdAt, options.beforeCreatedAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit);
}

export async function countUnread(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row.n;
}

export async function markRead(tx: Tx, userId: string, at: Date, id?: string) {
  const rows = await tx
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Who gets the emails of a notification: address, name, language and zone of each active user. */
export async function selectMailRecipients(tx: Tx, userIds: string[]) {
  if (userIds.length === 0) return [];
  return tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, timeZone: users.timeZone })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.isActive, true)));
}

export async function findNotificationOf(tx: Tx, id: string, userId: string) {
  const [row] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row;
}
