import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import { BoardQuery, BoardResponse } from './dispatch.schema.ts';
import { getDispatchBoard } from './dispatch.service.ts';

const tags = ['dispatch'];

export const dispatchRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  /** Engineers × days with the planned orders and the unassigned ones (assign: POST /work-orders/:id/assign). */
  app.get('/dispatch-board', { schema: { tags, querystring: BoardQuery, response: { 200: BoardResponse } } }, async (req) =>
    getDispatchBoard({ deps, actor: actorOf(req), query: req.query }),
  );
};
