import type { NotificationContent } from '../../../domain/notifications.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { sendTemplatedMail } from '../../mail/mail.service.ts';
import { type Actor, authorize } from '../../policy.ts';
import {
  countUnread,
  findNotificationOf,
  insertNotifications,
  markRead,
  selectMailRecipients,
  selectNotifications,
} from './notifications.repo.ts';
import type { ListNotificationsFilter } from './notifications.schema.ts';

/**
 * Records notifications inside the caller's transaction; when mail is configured each recipient's email is
 * queued in the same transaction (a `mail.send` job, in their language), so a crash between commit and
 * sending loses nothing. Returns what to announce live.
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
      createdAt: input.at,
    })),
  );
  if (deps.config.smtp && rows.length > 0) {
    for (const user of await selectMailRecipients(tx, userIds)) {
      await sendTemplatedMail({
        tx,
        deps,
        to: user.email,
        name: user.name,
        locale: user.locale,
        timeZone: user.timeZone,
        template: 'notification',
        // The request's number and title are read when the mail goes out (the number is given at commit).
        params: { kind: input.kind, data: input.data, ticketId: input.ticketId },
        runAt: input.at,
      });
    }
  }
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
