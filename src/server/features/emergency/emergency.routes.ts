import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  ActionDoneBody,
  ActionParams,
  CorrectiveActionBody,
  DeclareIncidentBody,
  DepartmentBackBody,
  DepartmentParams,
  IdParams,
  IncidentDetailResponse,
  IncidentListResponse,
  ItemParams,
  ListIncidentsQuery,
  NoteBody,
  PlanListResponse,
  PlanResponse,
  PlanVersionsResponse,
  RecoverBody,
  ReentryBody,
  ReportFieldsBody,
  SavePlanBody,
  TickItemBody,
} from './emergency.schema.ts';
import {
  addCorrectiveAction,
  addIncidentNote,
  closeIncident,
  completeCorrectiveAction,
  createPlan,
  declareIncident,
  departmentBack,
  getIncident,
  getPlan,
  listIncidents,
  listPlans,
  listPlanVersions,
  recoverIncident,
  savePlan,
  tickItem,
  updateReentry,
  updateReportFields,
} from './emergency.service.ts';
import { incidentReportPdf } from './emergency-report.ts';

const tags = ['emergency'];
const detail = { 200: IncidentDetailResponse };

export const emergencyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // ---- plans (应急预案) ----
  app.get('/emergency-plans', { schema: { tags, response: { 200: PlanListResponse } } }, async (req) =>
    listPlans({ deps, actor: actorOf(req) }),
  );

  app.get('/customers/:id/emergency-plan', { schema: { tags, params: IdParams, response: { 200: PlanResponse } } }, async (req) =>
    getPlan({ deps, actor: actorOf(req), customerId: req.params.id }),
  );

  app.post('/customers/:id/emergency-plan', { schema: { tags, params: IdParams, response: { 201: PlanResponse } } }, async (req, reply) =>
    reply.code(201).send(await createPlan({ deps, actor: actorOf(req), customerId: req.params.id })),
  );

  app.put(
    '/customers/:id/emergency-plan',
    { schema: { tags, params: IdParams, body: SavePlanBody, response: { 200: PlanResponse } } },
    async (req) => savePlan({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body }),
  );

  app.get(
    '/customers/:id/emergency-plan/versions',
    { schema: { tags, params: IdParams, response: { 200: PlanVersionsResponse } } },
    async (req) => listPlanVersions({ deps, actor: actorOf(req), customerId: req.params.id }),
  );

  // ---- incidents ----
  app.post('/incidents', { schema: { tags, body: DeclareIncidentBody, response: { 201: IncidentDetailResponse } } }, async (req, reply) =>
    reply.code(201).send(await declareIncident({ deps, actor: actorOf(req), input: req.body })),
  );

  app.get('/incidents', { schema: { tags, querystring: ListIncidentsQuery, response: { 200: IncidentListResponse } } }, async (req) =>
    listIncidents({ deps, actor: actorOf(req), filter: req.query }),
  );

  app.get('/incidents/:id', { schema: { tags, params: IdParams, response: detail } }, async (req) =>
    getIncident({ deps, actor: actorOf(req), incidentId: req.params.id }),
  );

  app.post(
    '/incidents/:id/items/:itemId/done',
    { schema: { tags, params: ItemParams, body: TickItemBody, response: detail } },
    async (req) => tickItem({ deps, actor: actorOf(req), incidentId: req.params.id, itemId: req.params.itemId, note: req.body.note }),
  );

  app.post('/incidents/:id/recover', { schema: { tags, params: IdParams, body: RecoverBody, response: detail } }, async (req) =>
    recoverIncident({ deps, actor: actorOf(req), incidentId: req.params.id, recoveredAt: req.body.recoveredAt }),
  );

  app.post(
    '/incidents/:id/departments/:departmentId/back',
    { schema: { tags, params: DepartmentParams, body: DepartmentBackBody, response: detail } },
    async (req) =>
      departmentBack({ deps, actor: actorOf(req), incidentId: req.params.id, departmentId: req.params.departmentId, at: req.body.at }),
  );

  app.post(
    '/incidents/:id/departments/:departmentId/reentry',
    { schema: { tags, params: DepartmentParams, body: ReentryBody, response: detail } },
    async (req) =>
      updateReentry({ deps, actor: actorOf(req), incidentId: req.params.id, departmentId: req.params.departmentId, input: req.body }),
  );

  app.patch('/incidents/:id/report', { schema: { tags, params: IdParams, body: ReportFieldsBody, response: detail } }, async (req) =>
    updateReportFields({ deps, actor: actorOf(req), incidentId: req.params.id, input: req.body }),
  );

  app.post('/incidents/:id/notes', { schema: { tags, params: IdParams, body: NoteBody, response: detail } }, async (req) =>
    addIncidentNote({ deps, actor: actorOf(req), incidentId: req.params.id, body: req.body.body }),
  );

  app.post('/incidents/:id/close', { schema: { tags, params: IdParams, response: detail } }, async (req) =>
    closeIncident({ deps, actor: actorOf(req), incidentId: req.params.id }),
  );

  // Corrective and preventive actions (001 2.10 (3)).
  app.post('/incidents/:id/actions', { schema: { tags, params: IdParams, body: CorrectiveActionBody, response: detail } }, async (req) =>
    addCorrectiveAction({ deps, actor: actorOf(req), incidentId: req.params.id, input: req.body }),
  );
  app.post(
    '/incidents/:id/actions/:actionId/done',
    { schema: { tags, params: ActionParams, body: ActionDoneBody, response: detail } },
    async (req) =>
      completeCorrectiveAction({
        deps,
        actor: actorOf(req),
        incidentId: req.params.id,
        actionId: req.params.actionId,
        note: req.body.note,
      }),
  );

  // 事故处理报告书 (001 2.10 (1)): the incident handling report as a PDF, in the reader's language.
  app.get('/incidents/:id/report.pdf', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const { body, fileName } = await incidentReportPdf({
      deps,
      actor: actorOf(req),
      incidentId: req.params.id,
      acceptLanguage: req.headers['accept-language'],
    });
    return sendDownload(reply, { body, fileName, contentType: 'application/pdf' });
  });
};
