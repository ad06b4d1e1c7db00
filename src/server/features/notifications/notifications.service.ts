import type { NotificationContent } from '../../../domain/notifications.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy.ts';
import type { Mailer } from './mailer.ts';
import { renderNotification } from './notification-text.ts';
import {
  claimPendingEmails,
  countUnread,
  findNotificationOf,
  insertNotifications,
  markRead,
  selectNotifications,
  setEmailOutcome,
} from './notifications.repo.ts';
import type { ListNotificationsFilter } from './notifications.schema.ts';

const MAX_EMAIL_ATTEMPTS = 5;

/**
 * Records notifications inside the caller's transaction; when mail is configured they also wait in
 * the outbox, so a crash between commit and sending loses nothing. Returns what to announce live.
 */
export async function notifyUsers(
  tx: Tx,
  deps: Deps,
  input: { userIds: string[]; ticketId: string | null; at: Date } & NotificationContent,
) {
  const userIds = [...new Set(input.userIds)];
  const rows = await insertNotifications(
    tx,
    userIds.map((userId) => ({
      userId,
      ticketId: input.ticketId,
      kind: input.kind,
      data: input.data,
      emailStatus: deps.config.smtp ? ('pending' as const) : ('none' as const),
      createdAt: input.at,
    })),
  );
  return rows.map((r) => ({ type: 'notification.created' as const, userId: r.userId, notificationId: r.id }));
}

export async function listNotifications({ deps, actor, filter }: { deps: Deps; actor: Actor; filter: ListNotificationsFilter }) {
  authorize(actor, 'notification.read');
  const [rows, unreadCount] = await Promise.all([
    selectNotifications(deps.db, actor.id, { limit: filter.limit, isUnreadOnly: filter.unread === 'true' }),
    countUnread(deps.db, actor.id),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.notification.id,
      kind: r.notification.kind,
      ticketId: r.notification.ticketId,
      ticketNumber: r.ticketNumber,
      ticketTitle: r.ticketTitle,
      data: r.notification.data,
      readAt: r.notification.readAt,
      createdAt: r.notification.createdAt,
    })),
    unreadCount,
  };
}

export async function readNotification({ deps, actor, notificationId }: { deps: Deps; actor: Actor; notificationId?: string }) {
  authorize(actor, 'notification.read');
  if (notificationId && !(await findNotificationOf(deps.db, notificationId, actor.id))) throw notFound('notification');
  await markRead(deps.db, actor.id, deps.clock(), notificationId);
  return { unreadCount: await countUnread(deps.db, actor.id) };
}

/** Sends waiting mail. Each mail is locked while it is sent, so two processes never both send it. */
export async function sendPendingEmails({ deps, mailer, limit = 20 }: { deps: Deps; mailer: Mailer; limit?: number }) {
  let sent = 0;
  await deps.db.transaction(async (tx) => {
    for (const row of await claimPendingEmails(tx, limit)) {
      const n = row.notification;
      const { subject, text } = renderNotification({
        kind: n.kind,
        data: n.data,
        locale: row.locale,
        ticketNumber: row.ticketNumber,
        ticketTitle: row.ticketTitle,
        link: n.ticketId ? `${deps.config.publicUrl}/tickets/${n.ticketId}` : deps.config.publicUrl,
      });
      try {
        await mailer.send({ to: row.email, subject, text });
        await setEmailOutcome(tx, n.id, { status: 'sent' });
        sent++;
      } catch (error) {
        const isLastTry = n.emailAttempts + 1 >= MAX_EMAIL_ATTEMPTS;
        await setEmailOutcome(tx, n.id, { status: isLastTry ? 'failed' : 'pending', error: (error as Error).message.slice(0, 500) });
      }
    }
  });
  return sent;
}
