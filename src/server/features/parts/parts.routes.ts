import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  PriceSettingsBody,
  PriceSettingsResponse,
  SparePartBody,
  SparePartListResponse,
  SparePartResponse,
  UpdateSparePartBody,
} from './parts.schema.ts';
import { createSparePart, getPriceSettings, listSpareParts, updatePriceSettings, updateSparePart } from './parts.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['parts'];

export const partsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/spare-parts', { schema: { tags, response: { 200: SparePartListResponse } } }, async (req) =>
    listSpareParts({ deps, actor: actorOf(req) }),
  );
  app.post('/spare-parts', { schema: { tags, body: SparePartBody, response: { 201: SparePartResponse } } }, async (req, reply) =>
    reply.code(201).send(await createSparePart({ deps, actor: actorOf(req), input: req.body })),
  );
  app.patch(
    '/spare-parts/:id',
    { schema: { tags, params: IdParams, body: UpdateSparePartBody, response: { 200: SparePartResponse } } },
    async (req) => updateSparePart({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  app.get('/price-settings', { schema: { tags, response: { 200: PriceSettingsResponse } } }, async (req) =>
    getPriceSettings({ deps, actor: actorOf(req) }),
  );
  app.patch('/price-settings', { schema: { tags, body: PriceSettingsBody, response: { 200: PriceSettingsResponse } } }, async (req) =>
    updatePriceSettings({ deps, actor: actorOf(req), input: req.body }),
  );
};
