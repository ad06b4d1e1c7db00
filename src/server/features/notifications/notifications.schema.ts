import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../../../domain/notifications.ts';

export const NotificationResponse = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  ticketId: z.uuid().nullable(),
  ticketNumber: z.string().nullable(),
  ticketTitle: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});
export const NotificationListResponse = z.object({ items: z.array(NotificationResponse), unreadCount: z.number().int() });
export const ListNotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ListNotificationsFilter = z.infer<typeof ListNotificationsQuery>;
