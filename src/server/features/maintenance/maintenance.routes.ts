import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { actorOf } from '../../http/request-context.ts';
import { LOCALES, toLocale } from '../../messages/catalogue.ts';
import {
  AssessmentBody,
  AssessmentListResponse,
  AssessmentResponse,
  ChecklistBody,
  ChecklistListResponse,
  ChecklistResponse,
  DueQuery,
  ProblemBody,
  ProfileBody,
  ProfileResponse,
  ReplanBody,
  ResultsBody,
  RoundDetailResponse,
  RoundListResponse,
  SignBody,
  SkipBody,
  StartBody,
  YearQuery,
} from './maintenance.schema.ts';
import {
  assessmentReportPdf,
  createAssessment,
  createChecklistVersion,
  getChecklist,
  getProfile,
  getRound,
  listAssessments,
  listChecklistVersions,
  listCustomerRounds,
  listDueRounds,
  recordResults,
  replanRound,
  reportPdf,
  reportProblem,
  signRound,
  skipRound,
  startRound,
  updateProfile,
} from './maintenance.service.ts';

const IdParams = z.object({ id: z.uuid() });
const DocumentQuery = z.object({ lang: z.enum(LOCALES).optional() }).strict();
const tags = ['maintenance'];
const detail = { 200: RoundDetailResponse };

export const maintenanceRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  /** The rounds of the contract year(s) overlapping a calendar year. */
  app.get(
    '/customers/:id/maintenance-rounds',
    { schema: { tags, params: IdParams, querystring: YearQuery, response: { 200: RoundListResponse } } },
    async (req) => listCustomerRounds({ deps, actor: actorOf(req), customerId: req.params.id, year: req.query.year }),
  );
  app.get('/customers/:id/maintenance-profile', { schema: { tags, params: IdParams, response: { 200: ProfileResponse } } }, async (req) =>
    getProfile({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.put(
    '/customers/:id/maintenance-profile',
    { schema: { tags, params: IdParams, body: ProfileBody, response: { 200: ProfileResponse } } },
    async (req) => updateProfile({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body }),
  );
  /** The service centre's due / overdue list. */
  app.get('/maintenance-rounds', { schema: { tags, querystring: DueQuery, response: { 200: RoundListResponse } } }, async (req) =>
    listDueRounds({ deps, actor: actorOf(req), query: req.query }),
  );
  app.get('/maintenance-rounds/:id', { schema: { tags, params: IdParams, response: detail } }, async (req) =>
    getRound({ deps, actor: actorOf(req), id: req.params.id }),
  );
  app.patch('/maintenance-rounds/:id', { schema: { tags, params: IdParams, body: ReplanBody, response: detail } }, async (req) =>
    replanRound({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  app.post('/maintenance-rounds/:id/start', { schema: { tags, params: IdParams, body: StartBody, response: detail } }, async (req) =>
    startRound({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  app.put('/maintenance-rounds/:id/results', { schema: { tags, params: IdParams, body: ResultsBody, response: detail } }, async (req) =>
    recordResults({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  /** "Problem found" → a service request linked to the round's item, in one action. */
  app.post('/maintenance-rounds/:id/problems', { schema: { tags, params: IdParams, body: ProblemBody, response: detail } }, async (req) =>
    reportProblem({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  /** The customer's signature on site (the work order's sign-off); the round is then done. */
  app.post('/maintenance-rounds/:id/sign', { schema: { tags, params: IdParams, body: SignBody, response: detail } }, async (req) =>
    signRound({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  /** Skip a round not started, with a reason (service desk). */
  app.post('/maintenance-rounds/:id/skip', { schema: { tags, params: IdParams, body: SkipBody, response: detail } }, async (req) =>
    skipRound({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  app.get('/maintenance-rounds/:id/report.pdf', { schema: { tags, params: IdParams, querystring: DocumentQuery } }, async (req, reply) => {
    const locale = toLocale(req.query.lang ?? 'zh-CN');
    const { pdf, fileName, fallbackName } = await reportPdf({ deps, actor: actorOf(req), id: req.params.id, locale });
    return sendDownload(reply, { body: pdf, fileName, fallbackName, contentType: 'application/pdf' });
  });
  /** The system operation assessment (000 G): per customer and year; its PDF is filed in the archive. */
  app.get(
    '/customers/:id/system-assessments',
    { schema: { tags, params: IdParams, response: { 200: AssessmentListResponse } } },
    async (req) => listAssessments({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/system-assessments',
    { schema: { tags, params: IdParams, body: AssessmentBody, response: { 201: AssessmentResponse } } },
    async (req, reply) =>
      reply.code(201).send(await createAssessment({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
  app.get('/system-assessments/:id/report.pdf', { schema: { tags, params: IdParams, querystring: DocumentQuery } }, async (req, reply) => {
    const locale = toLocale(req.query.lang ?? 'zh-CN');
    const { pdf, fileName, fallbackName } = await assessmentReportPdf({ deps, actor: actorOf(req), id: req.params.id, locale });
    return sendDownload(reply, { body: pdf, fileName, fallbackName, contentType: 'application/pdf' });
  });
  app.get('/maintenance-checklists', { schema: { tags, response: { 200: ChecklistListResponse } } }, async (req) =>
    listChecklistVersions({ deps, actor: actorOf(req) }),
  );
  app.get('/maintenance-checklists/current', { schema: { tags, response: { 200: ChecklistResponse } } }, async (req) =>
    getChecklist({ deps, actor: actorOf(req) }),
  );
  /** Admins: a new version of the checklists A/B/C. */
  app.post('/maintenance-checklists', { schema: { tags, body: ChecklistBody, response: { 201: ChecklistResponse } } }, async (req, reply) =>
    reply.code(201).send(await createChecklistVersion({ deps, actor: actorOf(req), input: req.body })),
  );
};
