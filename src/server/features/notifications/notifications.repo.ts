import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
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

/** Mails waiting to go out, locked so that two processes never send the same one. */
export async function claimPendingEmails(tx: Tx, limit: number) {
  return tx
    .select({
      notification: notifications,
      email: users.email,
      name: users.name,
      locale: users.locale,
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(tickets, eq(tickets.id, notifications.ticketId))
    .where(eq(notifications.emailStatus, 'pending'))
    .orderBy(notifications.createdAt)
    .limit(limit)
    .for('update', { of: notifications, skipLocked: true });
}

export async function setEmailOutcome(tx: Tx, id: string, outcome: { status: 'sent' | 'failed' | 'pending'; error?: string }) {
  await tx
    .update(notifications)
    .set({ emailStatus: outcome.status, emailError: outcome.error ?? null, emailAttempts: sql`${notifications.emailAttempts} + 1` })
    .where(eq(notifications.id, id));
}

export async function findNotificationOf(tx: Tx, id: string, userId: string) {
  const [row] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row;
}
