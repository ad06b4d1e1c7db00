import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import { CreatedFeedResponse, FeedFileParams, FeedStateResponse } from './calendar-feeds.schema.ts';
import { createMyFeed, getMyFeed, renderFeed, revokeMyFeed } from './calendar-feeds.service.ts';

const tags = ['calendar-feeds'];

export const calendarFeedRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/calendar-feeds/me', { schema: { tags, response: { 200: FeedStateResponse } } }, async (req) =>
    getMyFeed({ deps, actor: actorOf(req) }),
  );
  /** Creates or rotates the caller's feed: the secret URL is in this answer only. */
  app.post('/calendar-feeds/me', { schema: { tags, response: { 201: CreatedFeedResponse } } }, async (req, reply) =>
    reply
      .code(201)
      .header('cache-control', 'no-store')
      .send(await createMyFeed({ deps, actor: actorOf(req) })),
  );
  app.delete('/calendar-feeds/me', { schema: { tags, response: { 204: z.null() } } }, async (req, reply) => {
    await revokeMyFeed({ deps, actor: actorOf(req) });
    return reply.code(204).send(null);
  });
  /** The feed: public, the token in the URL is the credential (calendar apps send no cookie). */
  app.get('/calendar-feeds/:file', { config: { isPublic: true }, schema: { tags, params: FeedFileParams } }, async (req, reply) => {
    const body = await renderFeed({ deps, file: req.params.file });
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  });
};
