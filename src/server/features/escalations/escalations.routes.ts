import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  DefectReportBody,
  DefectReportListResponse,
  DefectReportResponse,
  EscalationBody,
  EscalationListResponse,
  EscalationResponse,
  ReproductionBody,
  RmaBody,
  RmaListResponse,
  RmaPatchBody,
  RmaResponse,
  RosterBody,
  RosterEntryResponse,
  RosterListResponse,
} from './escalations.schema.ts';
import {
  addRosterEntry,
  createRma,
  escalate,
  listDefectReports,
  listEscalations,
  listRmas,
  listRoster,
  recordReproduction,
  removeRosterEntry,
  reportDefect,
  updateRmaRecord,
} from './escalations.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['escalations'];

export const escalationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/escalation-roster', { schema: { tags, response: { 200: RosterListResponse } } }, async (req) =>
    listRoster({ deps, actor: actorOf(req) }),
  );

  app.post('/escalation-roster', { schema: { tags, body: RosterBody, response: { 201: RosterEntryResponse } } }, async (req, reply) =>
    reply.code(201).send(await addRosterEntry({ deps, actor: actorOf(req), input: req.body })),
  );

  app.delete('/escalation-roster/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await removeRosterEntry({ deps, actor: actorOf(req), entryId: req.params.id });
    return reply.code(204).send();
  });

  app.post(
    '/tickets/:id/escalations',
    { schema: { tags, params: IdParams, body: EscalationBody, response: { 201: EscalationResponse } } },
    async (req, reply) => reply.code(201).send(await escalate({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body })),
  );

  app.get('/tickets/:id/escalations', { schema: { tags, params: IdParams, response: { 200: EscalationListResponse } } }, async (req) =>
    listEscalations({ deps, actor: actorOf(req), ticketId: req.params.id }),
  );

  app.post(
    '/escalations/:id/reproduction',
    { schema: { tags, params: IdParams, body: ReproductionBody, response: { 200: EscalationResponse } } },
    async (req) => recordReproduction({ deps, actor: actorOf(req), escalationId: req.params.id, input: req.body }),
  );

  app.post(
    '/tickets/:id/defect-reports',
    { schema: { tags, params: IdParams, body: DefectReportBody, response: { 201: DefectReportResponse } } },
    async (req, reply) => reply.code(201).send(await reportDefect({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body })),
  );

  app.get('/tickets/:id/defect-reports', { schema: { tags, params: IdParams, response: { 200: DefectReportListResponse } } }, async (req) =>
    listDefectReports({ deps, actor: actorOf(req), ticketId: req.params.id }),
  );

  app.post('/tickets/:id/rma', { schema: { tags, params: IdParams, body: RmaBody, response: { 201: RmaResponse } } }, async (req, reply) =>
    reply.code(201).send(await createRma({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body })),
  );

  app.get('/tickets/:id/rma', { schema: { tags, params: IdParams, response: { 200: RmaListResponse } } }, async (req) =>
    listRmas({ deps, actor: actorOf(req), ticketId: req.params.id }),
  );

  app.patch('/rma/:id', { schema: { tags, params: IdParams, body: RmaPatchBody, response: { 200: RmaResponse } } }, async (req) =>
    updateRmaRecord({ deps, actor: actorOf(req), rmaId: req.params.id, input: req.body }),
  );
};
