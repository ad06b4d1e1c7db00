import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { actorOf } from '../../http/request-context.ts';
import { LOCALES, toLocale } from '../../messages/catalogue.ts';
import {
  ActionBody,
  AssignBody,
  ChecklistTemplateBody,
  ChecklistTemplateResponse,
  CreateWorkOrderBody,
  ListQuery,
  SignOffBody,
  SuggestionResponse,
  UpdateWorkOrderBody,
  WorkOrderListResponse,
  WorkOrderResponse,
  WrittenConfirmationBody,
  WrittenConfirmationResponse,
} from './work-orders.schema.ts';
import {
  assignWorkOrder,
  cancelWorkOrder,
  checkIn,
  checkOut,
  createWorkOrder,
  getChecklistTemplate,
  getWorkOrder,
  listTicketWorkOrders,
  listWorkOrdersFor,
  recordWrittenConfirmation,
  reportPdf,
  saveDefaultChecklist,
  signOff,
  suggestForTicket,
  updateWorkOrder,
} from './work-orders.service.ts';

const IdParams = z.object({ id: z.uuid() });
const DocumentQuery = z.object({ lang: z.enum(LOCALES).optional() }).strict();
const tags = ['work-orders'];
const ok = { 200: WorkOrderResponse };

export const workOrderRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/tickets/:id/work-orders',
    { schema: { tags, params: IdParams, body: CreateWorkOrderBody, response: { 201: WorkOrderResponse } } },
    async (req, reply) =>
      reply.code(201).send(await createWorkOrder({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body })),
  );
  app.get('/tickets/:id/work-orders', { schema: { tags, params: IdParams, response: { 200: WorkOrderListResponse } } }, async (req) =>
    listTicketWorkOrders({ deps, actor: actorOf(req), ticketId: req.params.id }),
  );
  /** Transports suggested for the request (001 2.9) and whether an emergency visit is covered. */
  app.get(
    '/tickets/:id/work-order-suggestion',
    { schema: { tags, params: IdParams, response: { 200: SuggestionResponse } } },
    async (req) => suggestForTicket({ deps, actor: actorOf(req), ticketId: req.params.id }),
  );
  /** The customer's written confirmation of the solution: may start the on-site clock (002 四(二)). */
  app.post(
    '/tickets/:id/written-confirmation',
    { schema: { tags, params: IdParams, body: WrittenConfirmationBody, response: { 200: WrittenConfirmationResponse } } },
    async (req) => recordWrittenConfirmation({ deps, actor: actorOf(req), ticketId: req.params.id, input: req.body }),
  );
  app.get('/work-orders', { schema: { tags, querystring: ListQuery, response: { 200: WorkOrderListResponse } } }, async (req) =>
    listWorkOrdersFor({ deps, actor: actorOf(req), query: req.query }),
  );
  app.get('/work-orders/:id', { schema: { tags, params: IdParams, response: ok } }, async (req) =>
    getWorkOrder({ deps, actor: actorOf(req), id: req.params.id }),
  );
  app.patch('/work-orders/:id', { schema: { tags, params: IdParams, body: UpdateWorkOrderBody, response: ok } }, async (req) =>
    updateWorkOrder({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  app.post('/work-orders/:id/check-in', { schema: { tags, params: IdParams, body: ActionBody, response: ok } }, async (req) =>
    checkIn({ deps, actor: actorOf(req), id: req.params.id, input: req.body ?? {} }),
  );
  app.post('/work-orders/:id/check-out', { schema: { tags, params: IdParams, body: ActionBody, response: ok } }, async (req) =>
    checkOut({ deps, actor: actorOf(req), id: req.params.id, input: req.body ?? {} }),
  );
  app.post('/work-orders/:id/sign-off', { schema: { tags, params: IdParams, body: SignOffBody, response: ok } }, async (req) =>
    signOff({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  /** The dispatch board's assign / re-plan (409 when the board's version is stale). */
  app.post('/work-orders/:id/assign', { schema: { tags, params: IdParams, body: AssignBody, response: ok } }, async (req) =>
    assignWorkOrder({ deps, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  app.get('/field-settings/checklist', { schema: { tags, response: { 200: ChecklistTemplateResponse } } }, async (req) =>
    getChecklistTemplate({ deps, actor: actorOf(req) }),
  );
  app.put(
    '/field-settings/checklist',
    { schema: { tags, body: ChecklistTemplateBody, response: { 200: ChecklistTemplateResponse } } },
    async (req) => saveDefaultChecklist({ deps, actor: actorOf(req), input: req.body }),
  );
  app.post('/work-orders/:id/cancel', { schema: { tags, params: IdParams, body: ActionBody, response: ok } }, async (req) =>
    cancelWorkOrder({ deps, actor: actorOf(req), id: req.params.id, input: req.body ?? {} }),
  );
  /** The service report of the visit (Chinese by default), with the customer's signature. */
  app.get('/work-orders/:id/report.pdf', { schema: { tags, params: IdParams, querystring: DocumentQuery } }, async (req, reply) => {
    const locale = toLocale(req.query.lang ?? req.headers['accept-language'] ?? req.currentUser?.locale);
    const { pdf, fileName, fallbackName } = await reportPdf({ deps, actor: actorOf(req), id: req.params.id, locale });
    return sendDownload(reply, { body: pdf, fileName, fallbackName, contentType: 'application/pdf' });
  });
};
