import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  BetweenBody,
  BetweenResponse,
  CalendarListResponse,
  CalendarResponse,
  CreateCalendarBody,
  ImportIcsBody,
  PreviewBody,
  PreviewResponse,
  UpdateCalendarBody,
} from './calendars.schema.ts';
import { createCalendar, importIcs, listCalendars, measureBetween, previewDue, updateCalendar } from './calendars.service.ts';

const IdParams = z.object({ id: z.uuid() });

export const calendarRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['calendars'];
  app.get('/calendars', { schema: { tags, response: { 200: CalendarListResponse } } }, async (req) =>
    listCalendars({ deps, actor: actorOf(req) }),
  );

  app.post('/calendars', { schema: { tags, body: CreateCalendarBody, response: { 201: CalendarResponse } } }, async (req, reply) =>
    reply.code(201).send(await createCalendar({ deps, actor: actorOf(req), input: req.body })),
  );

  app.patch(
    '/calendars/:id',
    { schema: { tags, params: IdParams, body: UpdateCalendarBody, response: { 200: CalendarResponse } } },
    async (req) => updateCalendar({ deps, actor: actorOf(req), calendarId: req.params.id, input: req.body }),
  );

  app.post(
    '/calendars/:id/import-ics',
    {
      schema: {
        tags,
        params: IdParams,
        body: ImportIcsBody,
        response: { 200: z.object({ calendar: CalendarResponse, imported: z.object({ holidays: z.number(), workdays: z.number() }) }) },
      },
    },
    async (req) => importIcs({ deps, actor: actorOf(req), calendarId: req.params.id, input: req.body }),
  );

  app.post('/calendars/preview', { schema: { tags, body: PreviewBody, response: { 200: PreviewResponse } } }, async (req) =>
    previewDue({ deps, actor: actorOf(req), input: req.body }),
  );

  app.post('/calendars/between', { schema: { tags, body: BetweenBody, response: { 200: BetweenResponse } } }, async (req) =>
    measureBetween({ deps, actor: actorOf(req), input: req.body }),
  );
};
