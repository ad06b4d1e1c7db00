import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import { AuditListResponse, ListAuditQuery } from './audit.schema.ts';
import { listAudit } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/audit', { schema: { tags: ['audit'], querystring: ListAuditQuery, response: { 200: AuditListResponse } } }, async (req) =>
    listAudit({ deps, actor: actorOf(req), filter: req.query }),
  );
};
