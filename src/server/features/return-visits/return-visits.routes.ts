import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  CustomerReturnVisitsResponse,
  DueQuery,
  DueResponse,
  KindParams,
  MeetingBody,
  MeetingListResponse,
  MeetingResponse,
  RecordBody,
  RecordResponse,
  ScheduleBody,
  ScheduleResponse,
} from './return-visits.schema.ts';
import {
  createMeeting,
  dueReturnVisits,
  listCustomerReturnVisits,
  listMeetings,
  recordReturnVisit,
  setSchedule,
} from './return-visits.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['return-visits'];

export const returnVisitRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/return-visits/due', { schema: { tags, querystring: DueQuery, response: { 200: DueResponse } } }, async (req) =>
    dueReturnVisits({ deps, actor: actorOf(req), date: req.query.date }),
  );
  app.get(
    '/customers/:id/return-visits',
    { schema: { tags, params: IdParams, response: { 200: CustomerReturnVisitsResponse } } },
    async (req) => listCustomerReturnVisits({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/return-visits',
    { schema: { tags, params: IdParams, body: RecordBody, response: { 201: RecordResponse } } },
    async (req, reply) =>
      reply.code(201).send(await recordReturnVisit({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
  app.put(
    '/customers/:id/return-visit-schedules/:kind',
    { schema: { tags, params: KindParams, body: ScheduleBody, response: { 200: ScheduleResponse } } },
    async (req) => setSchedule({ deps, actor: actorOf(req), customerId: req.params.id, kind: req.params.kind, input: req.body }),
  );
  app.get('/customers/:id/user-meetings', { schema: { tags, params: IdParams, response: { 200: MeetingListResponse } } }, async (req) =>
    listMeetings({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/user-meetings',
    { schema: { tags, params: IdParams, body: MeetingBody, response: { 201: MeetingResponse } } },
    async (req, reply) =>
      reply.code(201).send(await createMeeting({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
};
