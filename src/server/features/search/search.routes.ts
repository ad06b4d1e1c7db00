import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import { SearchQueryString, SearchResponse } from './search.schema.ts';
import { searchTickets } from './search.service.ts';

export const searchRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/search', { schema: { tags: ['search'], querystring: SearchQueryString, response: { 200: SearchResponse } } }, async (req) =>
    searchTickets({ deps, actor: actorOf(req), input: req.query }),
  );
};
