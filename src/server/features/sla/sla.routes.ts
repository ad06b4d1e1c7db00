import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import { CreatePolicyBody, PolicyListResponse, PolicyResponse, UpdatePolicyBody } from './sla.schema.ts';
import { createPolicy, listPolicies, updatePolicy } from './sla.service.ts';

export const slaRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['sla'];
  app.get('/sla/policies', { schema: { tags, response: { 200: PolicyListResponse } } }, async (req) =>
    listPolicies({ deps, actor: actorOf(req) }),
  );

  app.post('/sla/policies', { schema: { tags, body: CreatePolicyBody, response: { 201: PolicyResponse } } }, async (req, reply) =>
    reply.code(201).send(await createPolicy({ deps, actor: actorOf(req), input: req.body })),
  );

  app.patch(
    '/sla/policies/:id',
    { schema: { tags, params: z.object({ id: z.uuid() }), body: UpdatePolicyBody, response: { 200: PolicyResponse } } },
    async (req) => updatePolicy({ deps, actor: actorOf(req), policyId: req.params.id, input: req.body }),
  );
  // GET /sla/at-risk lists requests with their clock at risk: it is served by tickets.routes.ts, so this
  // folder never imports the tickets feature (tickets calls sla's services, not the other way round).
};
