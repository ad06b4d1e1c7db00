import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pickLocale } from '../../../domain/contracts/entitlement.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  EntitlementQuery,
  EntitlementResponse,
  ListServiceContractsQuery,
  OverrideBody,
  OverrideListResponse,
  OverrideResponse,
  RenewBody,
  ServiceContractBody,
  ServiceContractListResponse,
  ServiceContractResponse,
  SystemContractBody,
  SystemContractListResponse,
  SystemContractResponse,
  TierBody,
  TierListResponse,
  TierResponse,
  UpdateServiceContractBody,
  UpdateSystemContractBody,
  UpdateTierBody,
} from './contracts.schema.ts';
import {
  createOverride,
  createServiceContract,
  createSystemContract,
  createTier,
  deleteServiceContract,
  deleteSystemContract,
  getEntitlement,
  getServiceContract,
  listOverrides,
  listServiceContracts,
  listSystemContracts,
  listTiers,
  renewServiceContract,
  updateServiceContract,
  updateSystemContract,
  updateTier,
} from './contracts.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['contracts'];

export const contractRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/service-tiers', { schema: { tags, response: { 200: TierListResponse } } }, async (req) =>
    listTiers({ deps, actor: actorOf(req) }),
  );
  app.post('/service-tiers', { schema: { tags, body: TierBody, response: { 201: TierResponse } } }, async (req, reply) =>
    reply.code(201).send(await createTier({ deps, actor: actorOf(req), input: req.body })),
  );
  app.patch(
    '/service-tiers/:id',
    { schema: { tags, params: IdParams, body: UpdateTierBody, response: { 200: TierResponse } } },
    async (req) => updateTier({ deps, actor: actorOf(req), tierId: req.params.id, input: req.body }),
  );

  app.get(
    '/customers/:id/system-contracts',
    { schema: { tags, params: IdParams, response: { 200: SystemContractListResponse } } },
    async (req) => listSystemContracts({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/system-contracts',
    { schema: { tags, params: IdParams, body: SystemContractBody, response: { 201: SystemContractResponse } } },
    async (req, reply) =>
      reply.code(201).send(await createSystemContract({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
  app.patch(
    '/system-contracts/:id',
    { schema: { tags, params: IdParams, body: UpdateSystemContractBody, response: { 200: SystemContractResponse } } },
    async (req) => updateSystemContract({ deps, actor: actorOf(req), contractId: req.params.id, input: req.body }),
  );
  app.delete('/system-contracts/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await deleteSystemContract({ deps, actor: actorOf(req), contractId: req.params.id });
    return reply.code(204).send();
  });

  app.get(
    '/service-contracts',
    { schema: { tags, querystring: ListServiceContractsQuery, response: { 200: ServiceContractListResponse } } },
    async (req) => listServiceContracts({ deps, actor: actorOf(req), filter: req.query }),
  );
  app.post(
    '/service-contracts',
    { schema: { tags, body: ServiceContractBody, response: { 201: ServiceContractResponse } } },
    async (req, reply) => reply.code(201).send(await createServiceContract({ deps, actor: actorOf(req), input: req.body })),
  );
  app.get('/service-contracts/:id', { schema: { tags, params: IdParams, response: { 200: ServiceContractResponse } } }, async (req) =>
    getServiceContract({ deps, actor: actorOf(req), contractId: req.params.id }),
  );
  app.patch(
    '/service-contracts/:id',
    { schema: { tags, params: IdParams, body: UpdateServiceContractBody, response: { 200: ServiceContractResponse } } },
    async (req) => updateServiceContract({ deps, actor: actorOf(req), contractId: req.params.id, input: req.body }),
  );
  app.delete('/service-contracts/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await deleteServiceContract({ deps, actor: actorOf(req), contractId: req.params.id });
    return reply.code(204).send();
  });
  app.post(
    '/service-contracts/:id/renew',
    { schema: { tags, params: IdParams, body: RenewBody, response: { 201: ServiceContractResponse } } },
    async (req, reply) =>
      reply.code(201).send(await renewServiceContract({ deps, actor: actorOf(req), contractId: req.params.id, input: req.body })),
  );

  app.get(
    '/customers/:id/entitlement',
    { schema: { tags, params: IdParams, querystring: EntitlementQuery, response: { 200: EntitlementResponse } } },
    async (req) =>
      getEntitlement({
        deps,
        actor: actorOf(req),
        customerId: req.params.id,
        at: req.query.at,
        // The caller's language: Accept-Language first, then the user's own setting; zh-CN by default.
        locale: pickLocale(req.headers['accept-language'] ?? req.currentUser?.locale),
      }),
  );
  app.get(
    '/customers/:id/entitlement-overrides',
    { schema: { tags, params: IdParams, response: { 200: OverrideListResponse } } },
    async (req) => listOverrides({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/entitlement-overrides',
    { schema: { tags, params: IdParams, body: OverrideBody, response: { 201: OverrideResponse } } },
    async (req, reply) =>
      reply.code(201).send(await createOverride({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
};
