import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  AnswerBody,
  CustomerSurveysResponse,
  IssueLinkBody,
  PendingSurveysResponse,
  PublicSurveyResponse,
  SummaryQuery,
  SurveyLinkResponse,
  SurveyResponse,
  SurveyScheduleBody,
  TicketSurveyResponse,
  TokenParams,
} from './surveys.schema.ts';
import {
  answerPeriodicSurvey,
  answerSurveyByToken,
  answerTicketSurvey,
  getCustomerSurveys,
  getSurveyByToken,
  getTicketSurvey,
  issueSurveyLink,
  listPendingSurveys,
  setSurveySchedule,
  surveySummary,
} from './surveys.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['surveys'];
/** The no-login link: public, and rate limited per address like the sign-in. */
const publicConfig = { isPublic: true, rateLimit: { max: 30, timeWindow: '1 minute' } };

export const surveyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/tickets/:id/survey', { schema: { tags, params: IdParams, response: { 200: TicketSurveyResponse } } }, async (req) =>
    getTicketSurvey({ deps, actor: actorOf(req), ticketId: req.params.id }),
  );
  app.post(
    '/tickets/:id/survey',
    { schema: { tags, params: IdParams, body: AnswerBody, response: { 201: SurveyResponse } } },
    async (req, reply) =>
      reply.code(201).send(await answerTicketSurvey({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body })),
  );
  app.post(
    '/tickets/:id/survey-link',
    { schema: { tags, params: IdParams, body: IssueLinkBody.nullish(), response: { 201: SurveyLinkResponse } } },
    async (req, reply) =>
      reply
        .code(201)
        .send(await issueSurveyLink({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body ?? IssueLinkBody.parse({}) })),
  );
  app.get('/customers/:id/surveys', { schema: { tags, params: IdParams, response: { 200: CustomerSurveysResponse } } }, async (req) =>
    getCustomerSurveys({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.put(
    '/customers/:id/survey-schedule',
    { schema: { tags, params: IdParams, body: SurveyScheduleBody, response: { 200: CustomerSurveysResponse.shape.schedule.unwrap() } } },
    async (req) => setSurveySchedule({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body }),
  );
  /** The portal: the organisation's periodic surveys to answer, and the answer (once, like the link). */
  app.get(
    '/customers/:id/pending-surveys',
    { schema: { tags, params: IdParams, response: { 200: PendingSurveysResponse } } },
    async (req) => listPendingSurveys({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/periodic-surveys/:id/answer',
    { schema: { tags, params: IdParams, body: AnswerBody, response: { 201: SurveyResponse } } },
    async (req, reply) =>
      reply.code(201).send(await answerPeriodicSurvey({ deps, actor: actorOf(req), id: req.params.id, input: req.body })),
  );
  app.get('/surveys/summary', { schema: { tags, querystring: SummaryQuery } }, async (req) =>
    surveySummary({ deps, actor: actorOf(req), input: req.query }),
  );
  app.get(
    '/surveys/:token',
    { config: publicConfig, schema: { tags, params: TokenParams, response: { 200: PublicSurveyResponse } } },
    async (req) => getSurveyByToken({ deps, token: req.params.token }),
  );
  app.post(
    '/surveys/:token',
    { config: publicConfig, schema: { tags, params: TokenParams, body: AnswerBody, response: { 201: SurveyResponse } } },
    async (req, reply) => reply.code(201).send(await answerSurveyByToken({ deps, token: req.params.token, input: req.body })),
  );
};
