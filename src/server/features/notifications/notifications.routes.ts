import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import { ListNotificationsQuery, NotificationListResponse } from './notifications.schema.ts';
import { listNotifications, readNotification } from './notifications.service.ts';

const UnreadResponse = z.object({ unreadCount: z.number().int() });

export const notificationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['notifications'];
  app.get(
    '/notifications',
    { schema: { tags, querystring: ListNotificationsQuery, response: { 200: NotificationListResponse } } },
    async (req) => listNotifications({ deps, actor: actorOf(req), filter: req.query }),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: UnreadResponse } } },
    async (req) => readNotification({ deps, actor: actorOf(req), notificationId: req.params.id }),
  );
  app.post('/notifications/read-all', { schema: { tags, response: { 200: UnreadResponse } } }, async (req) =>
    readNotification({ deps, actor: actorOf(req) }),
  );
};
