import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  GrantBody,
  GrantListResponse,
  GrantResponse,
  SecretResponse,
  SessionBody,
  SessionListResponse,
  SessionResponse,
} from './remote-access.schema.ts';
import { grantRemoteAccess, listGrants, listSessions, logSession, revealSecret, revokeGrant } from './remote-access.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['remote-access'];

export const remoteAccessRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/tickets/:id/remote-access',
    { schema: { tags, params: IdParams, body: GrantBody, response: { 201: GrantResponse } } },
    async (req, reply) =>
      reply.code(201).send(await grantRemoteAccess({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body })),
  );

  app.get('/tickets/:id/remote-access', { schema: { tags, params: IdParams, response: { 200: GrantListResponse } } }, async (req) =>
    listGrants({ deps, actor: actorOf(req), ticketId: req.params.id }),
  );

  app.get('/remote-access/:id/secret', { schema: { tags, params: IdParams, response: { 200: SecretResponse } } }, async (req, reply) => {
    // The plain secret is never cached anywhere on the way.
    reply.header('cache-control', 'no-store');
    return revealSecret({ deps, actor: actorOf(req), grantId: req.params.id });
  });

  app.post('/remote-access/:id/revoke', { schema: { tags, params: IdParams, response: { 200: GrantResponse } } }, async (req) =>
    revokeGrant({ deps, actor: actorOf(req), grantId: req.params.id }),
  );

  app.post(
    '/remote-access/:id/sessions',
    { schema: { tags, params: IdParams, body: SessionBody, response: { 201: SessionResponse } } },
    async (req, reply) => reply.code(201).send(await logSession({ deps, actor: actorOf(req), grantId: req.params.id, input: req.body })),
  );

  app.get('/remote-access/:id/sessions', { schema: { tags, params: IdParams, response: { 200: SessionListResponse } } }, async (req) =>
    listSessions({ deps, actor: actorOf(req), grantId: req.params.id }),
  );
};
