import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import { ArrivalBody, AtRiskQuery } from '../sla/sla.schema.ts';
import {
  AtRiskResponse,
  CommentBody,
  CreateTicketBody,
  ListTicketsQuery,
  TicketCountsResponse,
  TicketDetailResponse,
  TicketEventResponse,
  TicketIdParams,
  TicketListResponse,
  TicketResponse,
  TransitionBody,
  UpdateTicketBody,
} from './tickets.schema.ts';
import {
  addComment,
  countTickets,
  createTicket,
  getTicket,
  listTickets,
  listTicketsAtRisk,
  recordArrival,
  transitionTicket,
  updateTicket,
} from './tickets.service.ts';

export const ticketRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['tickets'];

  app.post('/tickets', { schema: { tags, body: CreateTicketBody, response: { 201: TicketResponse } } }, async (req, reply) =>
    reply.code(201).send(await createTicket({ deps, actor: actorOf(req), input: req.body })),
  );

  app.get('/tickets', { schema: { tags, querystring: ListTicketsQuery, response: { 200: TicketListResponse } } }, async (req) =>
    listTickets({ deps, actor: actorOf(req), filter: req.query }),
  );

  app.get('/tickets/counts', { schema: { tags, response: { 200: TicketCountsResponse } } }, async (req) =>
    countTickets({ deps, actor: actorOf(req) }),
  );

  app.get('/tickets/:id', { schema: { tags, params: TicketIdParams, response: { 200: TicketDetailResponse } } }, async (req) =>
    getTicket({ deps, actor: actorOf(req), ticketId: req.params.id }),
  );

  app.patch(
    '/tickets/:id',
    { schema: { tags, params: TicketIdParams, body: UpdateTicketBody, response: { 200: TicketResponse } } },
    async (req) => updateTicket({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body }),
  );

  app.post(
    '/tickets/:id/transitions',
    { schema: { tags, params: TicketIdParams, body: TransitionBody, response: { 200: TicketDetailResponse } } },
    async (req) => transitionTicket({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body }),
  );

  app.post(
    '/tickets/:id/comments',
    { schema: { tags, params: TicketIdParams, body: CommentBody, response: { 201: TicketEventResponse } } },
    async (req, reply) => reply.code(201).send(await addComment({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body })),
  );

  app.post(
    '/tickets/:id/arrival',
    { schema: { tags, params: TicketIdParams, body: ArrivalBody, response: { 200: TicketDetailResponse } } },
    async (req) => recordArrival({ deps, actor: actorOf(req), ticketId: req.params.id, note: req.body.note }),
  );

  // The breach-risk list (超时预警): requests with the clock most at risk. Under /sla for its URL, served here
  // because it answers with requests (the sla feature never imports tickets).
  app.get('/sla/at-risk', { schema: { tags: ['sla'], querystring: AtRiskQuery, response: { 200: AtRiskResponse } } }, async (req) =>
    listTicketsAtRisk({ deps, actor: actorOf(req), limit: req.query.limit }),
  );
};
